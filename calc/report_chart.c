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
#include <math.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/*
 * Every chart is drawn twice: wide (PNG for print and documents, SVG for
 * index.html on a screen) and narrow (SVG for a phone, shown by index.html
 * below 48rem). The narrow one is 400 pixels wide, so that at a phone's 374
 * CSS pixels its 12-point text is still 11 pixels high; it has no title
 * (the page shows it above the chart) and fewer tics.
 */
struct canvas {
	int width, height;
	int font;           /* points of the tics, labels and key */
	int label_font;     /* points of a bar's value and a marker's label */
	const char *suffix; /* of the SVG's file name: NAME.svg, NAME-narrow.svg */
	bool title;
};

static const struct canvas canvas_wide = {1000, 560, 13, 10, "", true};
static const struct canvas canvas_narrow = {400, 460, 12, 10, "-narrow", false};

/* Average width of a character of DejaVu Sans, in points of its size: used
 * to decide whether labels fit, never to place them. */
#define CHAR_EM 0.62
/* The plot area's share of the canvas after margins, tics and key. */
#define PLOT_SHARE_X 0.82
#define PLOT_SHARE_Y 0.62

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

/* A cell's position on an axis. Positions only place marks on a drawing,
 * so a double is fine (money.h); the labels are formatted from exact text.
 * An empty or non-numeric cell is not drawn. */
static bool cell_value(const char *text, double *v)
{
	char *end;

	if (!*text)
		return false;
	*v = strtod(text, &end);
	return *end == '\0' && isfinite(*v);
}

/* ---- axes ------------------------------------------------------------- */

/* An axis: its range, the step between tics, and how its labels look. */
struct axis {
	double min, max, step;
	bool exact; /* the range is the figures' own (x); else whole steps (y) */
	int decimals;
	enum report_unit unit;
};

/* The smallest of 1, 2, 2.5, 5 x 10^k that is at least raw. */
static double nice_step(double raw)
{
	static const double steps[] = {1, 2, 2.5, 5, 10};
	double mag = pow(10, floor(log10(raw)));

	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
		if (steps[i] * mag >= raw * (1 - 1e-9))
			return steps[i] * mag;
	return 10 * mag;
}

/* Tics every `step` from a multiple of it at or below min to one at or
 * above max; decimals enough to tell two tics apart (money: none, or
 * cents). */
static void axis_fit(struct axis *a, double min, double max, int tics)
{
	if (!(max > min)) {
		double pad = fabs(max) > 0 ? fabs(max) * 0.1 : 1;
		min -= min == 0 ? 0 : pad;
		max += pad;
	}
	a->step = nice_step((max - min) / (tics > 1 ? tics : 1));
	a->min = a->exact ? min : floor(min / a->step + 1e-9) * a->step;
	a->max = a->exact ? max : ceil(max / a->step - 1e-9) * a->step;
	a->decimals = 0;
	while (a->decimals < 4 &&
	       fabs(a->step * pow(10, a->decimals) - round(a->step * pow(10, a->decimals)))
	       > 1e-6)
		a->decimals++;
	if (a->unit == UNIT_USD && a->decimals > 0)
		a->decimals = 2; /* cents, or whole amounts */
}

/* A tic's label: "$1,200", "82.5%", "1,200". */
static const char *tic_label(const char *prefix, const struct axis *a,
                             double v, char buf[64])
{
	char plain[64];
	money m;
	const char *why;
	char *text = buf;

	snprintf(plain, sizeof plain, "%.*f", a->decimals, fabs(v) < 1e-12 ? 0.0 : v);
	if (!money_parse(plain, &m, &why) ||
	    !money_format(m, a->decimals, true, plain, sizeof plain))
		snprintf(plain, sizeof plain, "%g", v);
	if (a->unit == UNIT_USD && plain[0] == '-')
		snprintf(text, 64, "-%s%s", prefix, plain + 1);
	else if (a->unit == UNIT_USD)
		snprintf(text, 64, "%s%s", prefix, plain);
	else
		snprintf(text, 64, "%s%s", plain, a->unit == UNIT_PERCENT ? "%" : "");
	return text;
}

/* set {x,y}range and the tics with their labels, written out. */
static size_t write_axis(FILE *out, const char *prefix, const char *name,
                         const struct axis *a)
{
	char buf[64];
	size_t longest = 0;
	int n = 0;

	fprintf(out, "set %srange [%.12g:%.12g]\nset %stics (", name, a->min, a->max,
	        name);
	for (double v = ceil(a->min / a->step - 1e-9) * a->step;
	     v <= a->max + a->step * 1e-6; v += a->step, n++) {
		double at = fabs(v) < a->step * 1e-6 ? 0 : v;
		tic_label(prefix, a, at, buf);
		if (strlen(buf) > longest)
			longest = strlen(buf);
		fprintf(out, "%s", n ? ", " : "");
		/* A tic's label is a format for its value: its % (only ever the
		 * last character) must be doubled. */
		if (strchr(buf, '%'))
			snprintf(strchr(buf, '%'), 3, "%%%%");
		gp_string(out, buf);
		fprintf(out, " %.12g", at);
	}
	fprintf(out, ")\n");
	return longest;
}

/* The unit of every series, or UNIT_TEXT when they differ. */
static enum report_unit series_unit(const struct report_table *t,
                                    const struct report_chart *c)
{
	enum report_unit unit = t->columns[c->series[0].column].unit;

	for (int s = 1; s < c->series_count; s++)
		if (t->columns[c->series[s].column].unit != unit)
			return UNIT_TEXT;
	return unit;
}

/* The range of the series' figures (0 included unless the chart zooms). */
static void series_range(const struct report_table *t, const struct report_chart *c,
                         double *min, double *max)
{
	bool first = true;

	*min = *max = 0;
	for (int row = 0; row < t->rows.rows; row++)
		for (int s = 0; s < c->series_count; s++) {
			double v;
			if (!cell_value(report_cell(t, row, c->series[s].column), &v))
				continue;
			if (first && c->zoom)
				*min = *max = v;
			first = false;
			*min = v < *min ? v : *min;
			*max = v > *max ? v : *max;
		}
}

/* ---- bar labels ----------------------------------------------------------- */

/* Bars carry their value as a label when there are few enough to read:
 * up to 6 groups and 12 bars. */
#define CHART_MAX_LABELLED_BARS 12
#define CHART_MAX_LABELLED_ROWS 6

static bool bar_labels(const struct report_table *t, const struct report_chart *c)
{
	return c->kind == CHART_BARS && t->rows.rows <= CHART_MAX_LABELLED_ROWS &&
	       t->rows.rows * c->series_count <= CHART_MAX_LABELLED_BARS;
}

/* Every label of a chart has the same form: whole units when the largest
 * figure is 1,000 or more, cents otherwise. */
static int bar_decimals(const struct report_table *t, const struct report_chart *c)
{
	double min, max;

	series_range(t, c, &min, &max);
	return fmax(fabs(min), fabs(max)) >= 1000 ? 0 : 2;
}

/* A bar's label: the exact figure rounded by the one rule (half away from
 * zero, money.h), with the currency's sign. */
static const char *bar_label(const char *prefix, enum report_unit unit,
                             const char *exact, int decimals, char buf[64])
{
	char plain[64];
	money m;
	const char *why;

	if (!money_parse(exact, &m, &why) ||
	    !money_format(m, decimals, true, plain, sizeof plain)) {
		snprintf(buf, 64, "%s", exact);
		return buf;
	}
	if (unit == UNIT_USD && plain[0] == '-')
		snprintf(buf, 64, "-%s%s", prefix, plain + 1);
	else if (unit == UNIT_USD)
		snprintf(buf, 64, "%s%s", prefix, plain);
	else
		snprintf(buf, 64, "%s%s", plain, unit == UNIT_PERCENT ? "%" : "");
	return buf;
}

/* The longest label of the chart, in characters. */
static size_t bar_label_longest(const struct report *r, const struct report_table *t,
                                const struct report_chart *c)
{
	int decimals = bar_decimals(t, c);
	size_t longest = 0;
	char buf[64];

	for (int row = 0; row < t->rows.rows; row++)
		for (int s = 0; s < c->series_count; s++) {
			int col = c->series[s].column;
			size_t n = strlen(bar_label(report_money_prefix(r, t), t->columns[col].unit,
			                            report_cell(t, row, col), decimals, buf));
			longest = n > longest ? n : longest;
		}
	return longest;
}

void report_chart_write_data(FILE *out, const struct report *r,
                             const struct report_chart *c)
{
	const struct report_table *t = report_find_table(r, c->table);
	bool labels = bar_labels(t, c);
	int decimals = labels ? bar_decimals(t, c) : 2;
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
		data_field(out, report_cell(t, row, c->x), t->columns[c->x].unit == UNIT_TEXT);
		for (int s = 0; s < c->series_count; s++) {
			const char *cell = report_cell(t, row, c->series[s].column);
			fputc(' ', out);
			data_field(out, *cell ? cell : "NaN", false); /* NaN: not drawn */
		}
		for (int s = 0; labels && s < c->series_count; s++) {
			int col = c->series[s].column;
			fputc(' ', out);
			data_field(out, bar_label(report_money_prefix(r, t), t->columns[col].unit, report_cell(t, row, col),
			                          decimals, buf), true);
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
	        "set rmargin 4\n",
	        r->stamp_text);
}

/* Whether a column has a figure to draw in some row. */
static bool series_has_figure(const struct report_table *t, int column)
{
	double v;

	for (int row = 0; row < t->rows.rows; row++)
		if (cell_value(report_cell(t, row, column), &v))
			return true;
	return false;
}

/* Draws the chart on one canvas. */
static void write_plot(FILE *out, const struct report *r, const struct report_table *t,
                       const struct report_chart *c, const struct canvas *cv)
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
		fprintf(out, " ls %d", (int)c->series[s].style);
	}
	if (bar_labels(t, c)) {
		/* Each bar's value above it, upright when it fits the bar's
		 * width, else turned to read upwards. With n bars and a gap of
		 * one bar per group, bar s is centred (s - (n-1)/2) / (n+1)
		 * from the group. */
		double bar_px = cv->width * PLOT_SHARE_X / (t->rows.rows * (n + 1.0));
		double label_px = (double)bar_label_longest(r, t, c) * cv->label_font * CHAR_EM;
		bool upright = label_px <= bar_px * 1.1;
		for (int s = 0; s < n; s++) {
			/* gnuplot 5.4 crashes on labels with no point at all: a
			 * series whose every figure is NOT PRICED has none. */
			if (!series_has_figure(t, c->series[s].column))
				continue;
			fprintf(out, ", \\\n     '' using ($0%+.4f):%d:%d "
			        "with labels %s font ',%d' notitle",
			        (s - (n - 1) / 2.0) / (n + 1), s + 2, n + s + 2,
			        upright ? "center offset 0,0.7" : "left rotate by 90 offset 0,0.4",
			        cv->label_font);
		}
	}
	fputc('\n', out);
}

/* ---- markers -------------------------------------------------------------- */

/* A dashed vertical line at each distinct x of the marks table. */
struct mark {
	double x;
	char label[512]; /* the labels of every row at this x, joined */
};

#define MAX_MARKS 32

static int collect_marks(const struct report *r, const struct report_chart *c,
                         struct mark *marks)
{
	const struct report_table *m = c->marks ? report_find_table(r, c->marks) : NULL;
	int count = 0;

	for (int row = 0; m && row < m->rows.rows && count < MAX_MARKS; row++) {
		const char *x = m->rows.cells[row][c->mark_x];
		size_t used = 0;
		bool seen = false;
		double v;

		if (!cell_value(x, &v))
			continue; /* a limit never reached: nothing to mark */
		for (int k = 0; k < row && !seen; k++)
			seen = strcmp(m->rows.cells[k][c->mark_x], x) == 0;
		if (seen)
			continue;
		marks[count].x = v;
		marks[count].label[0] = '\0';
		for (int k = row; k < m->rows.rows && used < sizeof marks[count].label; k++)
			if (strcmp(m->rows.cells[k][c->mark_x], x) == 0)
				used += (size_t)snprintf(marks[count].label + used,
				                         sizeof marks[count].label - used, "%s%s",
				                         used ? ", " : "",
				                         m->rows.cells[k][c->mark_label]);
		count++;
	}
	return count;
}

/* Each marker's label goes above the plot, where no line or point can be:
 * its own words when every label fits between its neighbours, otherwise a
 * number, with the numbers explained in lines under the chart. Returns the
 * lines of text added under the chart. */
static int write_marks(FILE *out, const struct axis *x, const struct canvas *cv,
                       const struct mark *marks, int count)
{
	double plot_px = cv->width * PLOT_SHARE_X, char_px = cv->label_font * CHAR_EM;
	double span = x->max - x->min;
	bool words = true;
	int lines = 0;
	size_t per_line = (size_t)((cv->width - 40) / (cv->font * CHAR_EM));

	if (count == 0)
		return 0;
	for (int i = 0; i < count && words; i++) {
		double at = (marks[i].x - x->min) / span * plot_px;
		double half = (double)strlen(marks[i].label) * char_px / 2;
		if (at - half < -40 || at + half > plot_px + 40)
			words = false;
		for (int k = 0; k < count && words; k++) {
			double other = (marks[k].x - x->min) / span * plot_px;
			if (k != i && fabs(other - at) < half +
			    (double)strlen(marks[k].label) * char_px / 2 + 8)
				words = false;
		}
	}
	fprintf(out, "unset arrow\nunset label\n");
	for (int i = 0; i < count; i++) {
		char tag[16];
		fprintf(out, "set arrow from %.12g, graph 0 to %.12g, graph 1 nohead dt 2 "
		             "lw 1.5 lc rgb '#404040' front\nset label ", marks[i].x,
		        marks[i].x);
		snprintf(tag, sizeof tag, "%d", i + 1);
		gp_string(out, words ? marks[i].label : tag);
		fprintf(out, " at %.12g, graph 1 center offset 0,0.8 font ',%d' "
		             "textcolor rgb '#202020'\n", marks[i].x, cv->label_font);
	}
	if (words)
		return 0;
	/* The legend of the numbers, in lines of the canvas's width, from the
	 * bottom up: the last line just above the canvas's edge. */
	char text[MAX_MARKS * 520];
	size_t used = 0;
	for (int i = 0; i < count && used < sizeof text; i++)
		used += (size_t)snprintf(text + used, sizeof text - used, "%s%d: %s",
		                         i ? "   " : "", i + 1, marks[i].label);
	char *line_start[64];
	int n = 0;
	for (char *p = text; *p && n < 64; ) {
		char *end = p + strlen(p), *cut = end;
		line_start[n++] = p;
		if ((size_t)(end - p) > per_line) {
			cut = p + per_line;
			while (cut > p && *cut != ' ')
				cut--;
			if (cut == p)
				cut = p + per_line;
			*cut = '\0';
			p = cut + 1;
			while (*p == ' ')
				p++;
		} else {
			p = end;
		}
	}
	for (int i = 0; i < n; i++) {
		fprintf(out, "set label ");
		gp_string(out, line_start[i]);
		fprintf(out, " at screen 0.02, screen %.4f left font ',%d' "
		             "textcolor rgb '#202020'\n",
		        (double)(n - i) * cv->font * 1.45 / cv->height, cv->font);
	}
	lines = n;
	return lines;
}

/* ---- the script -------------------------------------------------------- */

/* The settings of one canvas: axes, margins, markers, then its terminal and
 * the plot. Returns nothing; the height grows with the lines under it. */
static void write_canvas(FILE *out, const struct report *r, const struct report_table *t,
                         const struct report_chart *c, const struct canvas *cv,
                         const char *name)
{
	struct axis y = {0}, x = {0};
	double min, max;
	int height = cv->height, bmargin = 6, tmargin = cv->title ? 3 : 1;
	size_t ywidth;
	struct mark marks[MAX_MARKS];
	int mark_count = c->kind == CHART_LINES ? collect_marks(r, c, marks) : 0;

	fprintf(out, "\n# %s: %dx%d\n", *cv->suffix ? "narrow (phones)" : "wide",
	        cv->width, cv->height);
	if (cv->title) {
		fprintf(out, "set title ");
		gp_string(out, c->title);
		fputc('\n', out);
	} else {
		fprintf(out, "unset title\n");
	}
	/* One series needs no key: the axis's label names it. */
	if (c->series_count == 1)
		fprintf(out, "unset key\n");
	else
		fprintf(out, "set key font ',%d'\n", cv->font);

	/* The value axis: money from 0, a zoomed chart from its figures. */
	series_range(t, c, &min, &max);
	y.unit = series_unit(t, c);
	if (c->kind == CHART_BARS && bar_labels(t, c)) {
		/* Room above the tallest bar for its label (upright or turned). */
		double label_px = (double)bar_label_longest(r, t, c) * cv->label_font * CHAR_EM;
		double plot_px = height * PLOT_SHARE_Y;
		max += (max - (min < 0 ? min : 0)) * (label_px + 12) / plot_px;
	} else if (c->zoom) {
		double pad = (max - min) * 0.1;
		min -= pad;
		max += pad;
	}
	if (!c->zoom && y.unit == UNIT_PERCENT && c->kind == CHART_LINES) {
		/* A probability or share reads against its whole scale. */
		min = min < 0 ? min : 0;
		max = max > 100 ? max : 100;
	}
	axis_fit(&y, min, max, *cv->suffix ? 5 : 8);
	ywidth = write_axis(out, report_money_prefix(r, t), "y", &y);
	fprintf(out, "set lmargin %d\n", (int)ywidth + 4);

	if (c->kind == CHART_BARS) {
		size_t name_longest = 0;
		for (int row = 0; row < t->rows.rows; row++)
			if (strlen(report_cell(t, row, c->x)) > name_longest)
				name_longest = strlen(report_cell(t, row, c->x));
		/* A group's name wider than its group is slanted too. */
		if (!bar_labels(t, c) ||
		    (double)name_longest * cv->font * CHAR_EM >
		    cv->width * PLOT_SHARE_X / t->rows.rows - 8) {
			/* Too many groups for level names: slant them, and make room
			 * below for the longest (about a third of a line per
			 * character at 30 degrees) by making the chart taller. */
			size_t longest = 0;
			for (int row = 0; row < t->rows.rows; row++)
				if (strlen(report_cell(t, row, c->x)) > longest)
					longest = strlen(report_cell(t, row, c->x));
			bmargin = 6 + (int)(longest > 60 ? 60 : longest) / 3;
			height += (bmargin - 6) * 20;
			fprintf(out, "set xtics rotate by 30 right\n");
		} else {
			fprintf(out, "set xtics norotate\n");
		}
	} else {
		/* Tics few enough that their labels never touch. */
		double xmin = 0, xmax = 0;
		bool first = true;
		for (int row = 0; row < t->rows.rows; row++) {
			double v;
			if (!cell_value(report_cell(t, row, c->x), &v))
				continue;
			xmin = first || v < xmin ? v : xmin;
			xmax = first || v > xmax ? v : xmax;
			first = false;
		}
		x.unit = t->columns[c->x].unit;
		x.exact = true;
		{
			double label_px = (x.unit == UNIT_PERCENT ? 5 : 4) * cv->font * CHAR_EM + 14;
			int tics = (int)(cv->width * PLOT_SHARE_X / label_px);
			axis_fit(&x, xmin, xmax, tics < 2 ? 2 : tics);
			if (x.unit == UNIT_COUNT && x.step < 1) {
				x.step = 1; /* months and hours: whole steps */
				x.decimals = 0;
			}
		}
		write_axis(out, report_money_prefix(r, t), "x", &x);
		fprintf(out, "set offsets graph 0.02, graph 0.02, 0, 0\n");
	}
	if (mark_count > 0) {
		int lines = write_marks(out, &x, cv, marks, mark_count);
		tmargin += 1;
		bmargin += lines;
		height += (int)(lines * cv->font * 1.45);
	}
	fprintf(out, "set bmargin %d\nset tmargin %d\n", bmargin, tmargin);
	if (!*cv->suffix) {
		fprintf(out, "set terminal pngcairo size %d,%d noenhanced font 'DejaVu Sans,%d' "
		             "background rgb 'white'\nset output '%s.png'\n",
		        cv->width, height, cv->font, name);
		write_plot(out, r, t, c, cv);
	}
	fprintf(out, "set terminal svg size %d,%d dynamic noenhanced "
	             "font 'DejaVu Sans,%d' background rgb 'white'\n"
	             "set output '%s%s.svg'\n",
	        cv->width, height, cv->font, name, cv->suffix);
	if (*cv->suffix)
		write_plot(out, r, t, c, cv);
	else
		fprintf(out, "replot\n");
	fprintf(out, "unset output\n");
}

void report_chart_write_script(FILE *out, const struct report *r,
                               const struct report_chart *c)
{
	const struct report_table *t = report_find_table(r, c->table);

	comment_header(out, r, c);
	fprintf(out, "#\n# Edit freely, then re-render from this directory with\n"
	             "#   gnuplot %s.gp\n"
	             "# It reads %s.dat (made from %s.csv) and the shared style.gp,\n"
	             "# and writes %s.png and %s.svg (wide) and %s-narrow.svg (phones).\n\n",
	        c->name, c->name, t->name, c->name, c->name, c->name);
	fprintf(out, "data = '%s.dat'\nload 'style.gp'\n", c->name);
	fprintf(out, "set xlabel ");
	gp_string(out, c->xlabel);
	fprintf(out, "\nset ylabel ");
	if (t->converted && strncmp(c->ylabel, "USD", 3) == 0) {
		/* "USD per month" in the currency the table is converted to. */
		char label[128];
		snprintf(label, sizeof label, "%s%s", r->ctx->pricing.currency.code, c->ylabel + 3);
		gp_string(out, label);
	} else {
		gp_string(out, c->ylabel);
	}
	fputc('\n', out);
	if (c->kind == CHART_BARS)
		fprintf(out, "set style data histograms\n"
		             "set style histogram clustered gap 1\n"
		             "set style fill solid 0.9 border rgb '#303030'\n"
		             "set xtics scale 0\n"
		             "set xrange [-0.6:%d.4]\n", t->rows.rows - 1);
	else
		fprintf(out, "set grid xtics ls 100\n");
	write_canvas(out, r, t, c, &canvas_wide, c->name);
	write_canvas(out, r, t, c, &canvas_narrow, c->name);
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
