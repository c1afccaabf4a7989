/*
 * The gnuplot side of a report (report.h): one data file and one script per
 * chart, a shared style.gp so every chart looks alike, and running gnuplot.
 *
 * Scripts use paths relative to their own directory, so a user can edit one
 * and re-run `gnuplot NAME.gp` there. Each renders to NAME.png (pngcairo,
 * for print and documents) and NAME.svg (inlined in index.html).
 */
#include "report.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* Chart size in pixels: wide enough for the labels, and a 16:9-ish shape
 * that fits a printed page and a phone held sideways. */
#define CHART_WIDTH 1000
#define CHART_HEIGHT 560

/* Writes text as a single-quoted gnuplot string ('' stands for '). */
static void gp_string(FILE *out, const char *text)
{
	fputc('\'', out);
	for (; *text; text++) {
		if (*text == '\'')
			fputc('\'', out);
		if (*text != '\n' && *text != '\r')
			fputc(*text, out);
	}
	fputc('\'', out);
}

/* Writes a data file field: text in double quotes (which gnuplot data files
 * cannot escape, so a " becomes a '), numbers as they are. */
static void data_field(FILE *out, const char *text, bool quoted)
{
	if (!quoted) {
		fputs(text, out);
		return;
	}
	fputc('"', out);
	for (; *text; text++)
		fputc(*text == '"' ? '\'' : (*text == '\n' || *text == '\r') ? ' ' : *text,
		      out);
	fputc('"', out);
}

static void comment_header(FILE *out, const struct report *r,
                           const struct report_chart *c)
{
	fprintf(out, "# %s\n# %s\n", c->title, r->stamp_text);
}

/* Bars carry their value as a label when there is room for it: up to 12
 * bars at CHART_WIDTH leave about 50 pixels per label. */
#define CHART_MAX_LABELLED_BARS 12
#define CHART_MAX_LABELLED_ROWS 6

static bool bar_labels(const struct report_table *t, const struct report_chart *c)
{
	return c->kind == CHART_BARS && t->rows.rows <= CHART_MAX_LABELLED_ROWS &&
	       t->rows.rows * c->series_count <= CHART_MAX_LABELLED_BARS;
}

/* A bar's label: the figure rounded by the one rule (half away from zero,
 * money.h), to the cent below 1,000 and to the unit above, so that it fits
 * over its bar; the axis names the unit. */
static const char *bar_label(const char *exact, char buf[64])
{
	money m, size;
	bool overflow = false;
	const char *why;
	int decimals;

	if (!money_parse(exact, &m, &why)) {
		snprintf(buf, 64, "%s", exact);
		return buf;
	}
	size = money_cmp(m, money_zero()) < 0 ? money_sub(money_zero(), m, &overflow) : m;
	decimals = money_cmp(size, money_from_cents(100000)) >= 0 ? 0 : 2;
	if (!money_format(m, decimals, true, buf, 64))
		snprintf(buf, 64, "%s", exact);
	return buf;
}

void report_chart_write_data(FILE *out, const struct report *r,
                             const struct report_chart *c)
{
	const struct report_table *t = report_find_table(r, c->table);
	bool labels = bar_labels(t, c);
	char buf[64];

	comment_header(out, r, c);
	fprintf(out, "# from %s.csv; columns: %s", t->name, t->columns[c->x].name);
	for (int s = 0; s < c->series_count; s++)
		fprintf(out, " %s", t->columns[c->series[s].column].name);
	/* Labels are rounded here by the one rule, not by gnuplot's printf. */
	for (int s = 0; labels && s < c->series_count; s++)
		fprintf(out, " %s_shown", t->columns[c->series[s].column].name);
	fputc('\n', out);
	for (int row = 0; row < t->rows.rows; row++) {
		data_field(out, t->rows.cells[row][c->x], t->columns[c->x].unit == UNIT_TEXT);
		for (int s = 0; s < c->series_count; s++) {
			fputc(' ', out);
			data_field(out, t->rows.cells[row][c->series[s].column], false);
		}
		for (int s = 0; labels && s < c->series_count; s++) {
			fputc(' ', out);
			data_field(out, bar_label(t->rows.cells[row][c->series[s].column], buf),
			           true);
		}
		fputc('\n', out);
	}
}

void report_chart_write_style(FILE *out, const struct report *r)
{
	fprintf(out,
	        "# The look every batchcalc chart shares; edit it here for all of them.\n"
	        "# %s\n"
	        "# Colours: the Okabe-Ito palette, told apart with colour-blindness and\n"
	        "# in greyscale print (each series also has its own point shape).\n"
	        "# One meaning, one look: 1 sync, 2 batch, 3 hybrid, 4 savings, 5-6 others.\n"
	        "set style line 1 lc rgb '#D55E00' lw 2.5 pt 7 ps 1.3\n"
	        "set style line 2 lc rgb '#0072B2' lw 2.5 pt 5 ps 1.3\n"
	        "set style line 3 lc rgb '#009E73' lw 2.5 pt 9 ps 1.5\n"
	        "set style line 4 lc rgb '#CC79A7' lw 2.5 pt 11 ps 1.5\n"
	        "set style line 5 lc rgb '#E69F00' lw 2.5 pt 13 ps 1.5\n"
	        "set style line 6 lc rgb '#56B4E9' lw 2.5 pt 3 ps 1.3\n"
	        "set style line 100 lc rgb '#d0d0d0' lw 1 dt 1\n"
	        "set style textbox opaque noborder margins 1, 1\n"
	        "set grid ytics ls 100\n"
	        "set border 3 lc rgb '#404040'\n"
	        "set tics nomirror textcolor rgb '#202020'\n"
	        "set key outside bottom center horizontal noopaque samplen 2 width 1\n"
	        "set title font ',16' textcolor rgb '#000000'\n"
	        "set xlabel textcolor rgb '#202020'\n"
	        "set ylabel textcolor rgb '#202020'\n"
	        "set lmargin 12\n"
	        "set bmargin 6\n"
	        "set rmargin 4\n",
	        r->stamp_text);
}

/* Draws the chart once, for whichever terminal is set. */
static void write_plot(FILE *out, const struct report_table *t,
                       const struct report_chart *c)
{
	int n = c->series_count;

	fprintf(out, "plot ");
	for (int s = 0; s < n; s++) {
		fprintf(out, "%s", s ? ", \\\n     '' " : "data ");
		if (c->kind == CHART_BARS)
			fprintf(out, "using %d%s title ", s + 2, s ? "" : ":xtic(1)");
		else
			fprintf(out, "using 1:%d with linespoints title ", s + 2);
		gp_string(out, t->columns[c->series[s].column].label);
		fprintf(out, " ls %d%s", (int)c->series[s].style,
		        c->series[s].y2 ? " axes x1y2" : "");
	}
	if (bar_labels(t, c)) {
		/* Each bar's value above it. With n bars and a gap of one bar per
		 * group, bar s is centred (s - (n-1)/2) / (n+1) from the group. */
		for (int s = 0; s < n; s++)
			fprintf(out, ", \\\n     '' using ($0%+.4f):%d:%d "
			        "with labels center offset 0,0.7 font ',10' notitle",
			        (s - (n - 1) / 2.0) / (n + 1), s + 2, n + s + 2);
	}
	fputc('\n', out);
}

/* The unit of every series on one axis, or UNIT_TEXT when they differ. */
static enum report_unit axis_unit(const struct report_table *t,
                                  const struct report_chart *c, bool y2)
{
	enum report_unit unit = UNIT_TEXT;
	bool first = true;

	for (int s = 0; s < c->series_count; s++) {
		enum report_unit u = t->columns[c->series[s].column].unit;
		if (c->series[s].y2 != y2)
			continue;
		if (!first && u != unit)
			return UNIT_TEXT;
		unit = u;
		first = false;
	}
	return unit;
}

/* A dashed vertical line at each distinct x of the marks table, its labels
 * joined and written upwards beside it. */
static void write_marks(FILE *out, const struct report *r,
                        const struct report_chart *c)
{
	const struct report_table *m = c->marks ? report_find_table(r, c->marks) : NULL;
	int drawn = 0;

	for (int row = 0; m && row < m->rows.rows; row++) {
		const char *x = m->rows.cells[row][c->mark_x];
		char label[512];
		size_t used = 0;
		bool seen = false;
		money v;
		const char *why;

		if (!*x || !money_parse(x, &v, &why))
			continue; /* a limit never reached: nothing to mark */
		for (int k = 0; k < row && !seen; k++)
			seen = strcmp(m->rows.cells[k][c->mark_x], x) == 0;
		if (seen)
			continue;
		label[0] = '\0';
		for (int k = row; k < m->rows.rows && used < sizeof label; k++)
			if (strcmp(m->rows.cells[k][c->mark_x], x) == 0)
				used += (size_t)snprintf(label + used, sizeof label - used, "%s%s",
				                         used ? ", " : "",
				                         m->rows.cells[k][c->mark_label]);
		if (!drawn++)
			fprintf(out, "# Markers from %s.csv (column %s).\n", m->name,
			        m->columns[c->mark_x].name);
		fprintf(out, "set arrow from %s, graph 0 to %s, graph 1 nohead dt 2 lw 1.5 "
		             "lc rgb '#404040' front\nset label ", x, x);
		gp_string(out, label);
		fprintf(out, " at %s, graph 0.03 left rotate by 90 offset 1.2,0 "
		             "font ',10' textcolor rgb '#202020' boxed back\n", x);
	}
}

void report_chart_write_script(FILE *out, const struct report *r,
                               const struct report_chart *c)
{
	const struct report_table *t = report_find_table(r, c->table);
	int height = CHART_HEIGHT;

	comment_header(out, r, c);
	fprintf(out, "#\n# Edit freely, then re-render from this directory with\n"
	             "#   gnuplot %s.gp\n"
	             "# It reads %s.dat (made from %s.csv) and the shared style.gp,\n"
	             "# and writes %s.png and %s.svg.\n\n",
	        c->name, c->name, t->name, c->name, c->name);
	fprintf(out, "data = '%s.dat'\nload 'style.gp'\n", c->name);
	fprintf(out, "set title ");
	gp_string(out, c->title);
	fprintf(out, "\nset xlabel ");
	gp_string(out, c->xlabel);
	fprintf(out, "\nset ylabel ");
	gp_string(out, c->ylabel);
	fputc('\n', out);
	if (c->kind == CHART_BARS) {
		fprintf(out, "set style data histograms\n"
		             "set style histogram clustered gap 1\n"
		             "set style fill solid 0.9 border rgb '#303030'\n"
		             "set yrange [0:*]\n"
		             "set offsets 0, 0, graph 0.08, 0\n"
		             "set xtics scale 0\n"
		             "set xrange [-0.6:%d.4]\n", t->rows.rows - 1);
		if (!bar_labels(t, c)) {
			/* Too many groups for level names: slant them, and make room
			 * below for the longest (about a third of a line per
			 * character at 30 degrees) by making the chart taller. */
			size_t longest = 0;
			int lines;
			for (int row = 0; row < t->rows.rows; row++)
				if (strlen(t->rows.cells[row][c->x]) > longest)
					longest = strlen(t->rows.cells[row][c->x]);
			lines = 6 + (int)(longest > 60 ? 60 : longest) / 3;
			height += (lines - 6) * 20;
			fprintf(out, "set xtics rotate by 30 right\nset bmargin %d\n", lines);
		}
	} else {
		/* A percentage axis shows 0 to 100 (or beyond, when a figure is),
		 * so that a change of a few points looks its size; money starts at
		 * 0 unless a figure is below it. */
		bool percent = axis_unit(t, c, false) == UNIT_PERCENT;
		const char *top = percent ? "0" : "graph 0.05";

		if (percent)
			fprintf(out, "set yrange [*<0:100<*]\nset format y '%%g%%%%'\n");
		else
			fprintf(out, "set yrange [*<0:*]\n");
		if (t->columns[c->x].unit == UNIT_PERCENT)
			fprintf(out, "set offsets 0, 0, %s, 0\nset xrange [-2:102]\n"
			             "set xtics 0, 10, 100\nset format x '%%g%%%%'\n", top);
		else if (t->columns[c->x].unit == UNIT_COUNT)
			/* Months or hours: the axis spans the data, a tic on each
			 * whole step when there are few of them. */
			fprintf(out, "set autoscale xfix\nset offsets graph 0.02, graph 0.02, "
			             "%s, 0\n%s", top, t->rows.rows <= 25 ? "set xtics 1\n" : "");
		else
			fprintf(out, "set offsets 0, 0, %s, 0\n", top);
		fprintf(out, "set grid xtics ls 100\n");
		if (c->y2label) {
			/* The right axis is labelled like the left and framed by it. */
			fprintf(out, "set y2label ");
			gp_string(out, c->y2label);
			fprintf(out, " textcolor rgb '#202020'\nset y2tics nomirror\n"
			             "set border 11 lc rgb '#404040'\nset rmargin 12\n"
		             /* gnuplot overestimates long key titles: one row */
		             "set key width -3\n");
			if (axis_unit(t, c, true) == UNIT_PERCENT)
				fprintf(out, "set y2range [*<0:100<*]\nset format y2 '%%g%%%%'\n");
			else
				fprintf(out, "set y2range [*<0:*]\n");
		}
		write_marks(out, r, c);
	}
	fprintf(out, "\nset terminal pngcairo size %d,%d noenhanced font 'DejaVu Sans,13' "
	             "background rgb 'white'\nset output '%s.png'\n",
	        CHART_WIDTH, height, c->name);
	write_plot(out, t, c);
	fprintf(out, "\nset terminal svg size %d,%d dynamic noenhanced "
	             "font 'DejaVu Sans,13' background rgb 'white'\n"
	             "set output '%s.svg'\nreplot\nunset output\n",
	        CHART_WIDTH, height, c->name);
}

/* Finds program in PATH (or as a path when it has a '/'). */
static bool program_found(const char *program)
{
	const char *path = getenv("PATH");
	char buf[4096];

	if (strchr(program, '/'))
		return access(program, X_OK) == 0;
	if (!path || !*path)
		path = "/usr/bin:/bin";
	for (const char *p = path, *end; ; p = end + 1) {
		size_t len;
		end = strchr(p, ':');
		len = end ? (size_t)(end - p) : strlen(p);
		if (snprintf(buf, sizeof buf, "%.*s/%s", (int)len, len ? p : ".",
		             program) < (int)sizeof buf &&
		    access(buf, X_OK) == 0)
			return true;
		if (!end)
			return false;
	}
}

enum status report_chart_render(const char *gnuplot, const char *dir,
                                const char *script, bool *found, struct diag *d)
{
	int fds[2], status;
	pid_t pid;
	char *text = NULL;
	size_t len = 0;
	FILE *err;
	char chunk[4096];
	ssize_t n;

	char program[4096], cwd[2048];

	*found = program_found(gnuplot);
	if (!*found)
		return STATUS_OK;
	/* gnuplot runs in the report's directory: a relative path such as
	 * ./gnuplot must be made absolute first. */
	if (strchr(gnuplot, '/') && gnuplot[0] != '/') {
		if (!getcwd(cwd, sizeof cwd) ||
		    snprintf(program, sizeof program, "%s/%s", cwd, gnuplot) >=
		    (int)sizeof program)
			return diag_set(d, STATUS_IO, "cannot run %s: path too long or "
			                "working directory unknown", gnuplot);
	} else {
		snprintf(program, sizeof program, "%s", gnuplot);
	}
	if (pipe(fds) != 0)
		return diag_set(d, STATUS_IO, "cannot run %s: %s", gnuplot, strerror(errno));
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		return diag_set(d, STATUS_IO, "cannot run %s: %s", gnuplot, strerror(errno));
	}
	if (pid == 0) {
		/* The child: no input (a script that waits for a key fails fast),
		 * stdout discarded, stderr to the parent, run beside the script. */
		int null = open("/dev/null", O_RDWR);
		if (null < 0 || chdir(dir) != 0)
			_exit(126);
		dup2(null, 0);
		dup2(null, 1);
		dup2(fds[1], 2);
		close(fds[0]);
		close(fds[1]);
		execlp(program, program, script, (char *)NULL);
		_exit(127);
	}
	close(fds[1]);
	err = open_memstream(&text, &len);
	while ((n = read(fds[0], chunk, sizeof chunk)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			break;
		if (err)
			fwrite(chunk, 1, (size_t)n, err);
	}
	close(fds[0]);
	if (err)
		fclose(err);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	while (len > 0 && (text[len - 1] == '\n' || text[len - 1] == ' '))
		text[--len] = '\0';
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		diag_set(d, STATUS_IO, "%s %s failed (%s %d)%s%s", gnuplot, script,
		         WIFEXITED(status) ? "exit status" : "signal",
		         WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status),
		         len ? ": " : "", len ? text : "");
		free(text);
		return STATUS_IO;
	}
	/* gnuplot reports problems on stderr and may still exit 0: pass them on,
	 * so that a golden test sees every warning. */
	for (char *line = text, *next; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (*line)
			cli_warn("%s %s: %s", gnuplot, script, line);
	}
	free(text);
	return STATUS_OK;
}
