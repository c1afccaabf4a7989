#include "report.h"

#include "files.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char *dup_or_die(const char *s)
{
	char *copy = strdup(s ? s : "");

	if (!copy)
		abort(); /* a report of a few kilobytes: out of memory here is fatal */
	return copy;
}

void report_restamp(struct report *r, const struct cli *ctx, date_days as_of,
                    const struct ratio *month_days)
{
	char *line, *text;
	size_t n;

	free(r->stamp_text);
	cJSON_Delete(r->stamp);
	r->stamp = cli_stamp_json(ctx, as_of, month_days);
	/* One line: it is a comment line of every .dat and .gp file too. */
	line = cli_stamp_line(ctx, as_of, month_days);
	n = strlen(line) + sizeof "batchcalc " BATCHCALC_VERSION ", ";
	if (!(text = malloc(n)))
		abort();
	snprintf(text, n, "batchcalc %s, %s", BATCHCALC_VERSION, line);
	free(line);
	r->stamp_text = text;
}

void report_init(struct report *r, const char *title, const struct cli *ctx,
                 date_days as_of, const struct ratio *month_days)
{
	static const struct { const char *code, *sign; } signs[] = {
		{"USD", "$"}, {"EUR", "\u20ac"}, {"GBP", "\u00a3"}, {"JPY", "\u00a5"},
	};

	memset(r, 0, sizeof *r);
	r->title = dup_or_die(title);
	r->ctx = ctx;
	snprintf(r->money_prefix, sizeof r->money_prefix, "%s ", ctx->pricing.currency.code);
	for (size_t i = 0; i < sizeof signs / sizeof signs[0]; i++)
		if (strcmp(ctx->pricing.currency.code, signs[i].code) == 0 || !ctx->pricing.currency.converting)
			snprintf(r->money_prefix, sizeof r->money_prefix, "%s",
			         ctx->pricing.currency.converting ? signs[i].sign : "$");
	report_restamp(r, ctx, as_of, month_days);
}

struct report_table *report_add_table(struct report *r, const char *name,
                                      const char *title, const char *note,
                                      const struct report_column *columns,
                                      int column_count)
{
	struct report_table *t = &r->tables[r->table_count++];
	const char *headers[REPORT_MAX_COLUMNS];
	bool right[REPORT_MAX_COLUMNS];

	if (r->table_count > (int)(sizeof r->tables / sizeof r->tables[0]) ||
	    column_count > REPORT_MAX_COLUMNS)
		abort(); /* a programming error in a section, not an input error */
	memset(t, 0, sizeof *t);
	t->name = name;
	t->title = title;
	t->note = note;
	t->columns = columns;
	t->column_count = column_count;
	for (int c = 0; c < column_count; c++) {
		headers[c] = columns[c].name;
		right[c] = columns[c].unit != UNIT_TEXT;
	}
	table_init(&t->rows, column_count, headers, right);
	memset(&t->shown, 0, sizeof t->shown);
	return t;
}

void report_table_add(struct report_table *t, const char *const *cells)
{
	table_add(&t->rows, cells);
}

void report_table_add_shown(struct report_table *t, const char *const *cells,
                            const char *const *shown)
{
	if (!t->converted) {
		const char *headers[REPORT_MAX_COLUMNS];
		bool right[REPORT_MAX_COLUMNS];
		if (t->rows.rows > 0)
			abort(); /* a table is converted from its first row or never */
		for (int c = 0; c < t->column_count; c++) {
			headers[c] = t->columns[c].name;
			right[c] = t->columns[c].unit != UNIT_TEXT;
		}
		table_init(&t->shown, t->column_count, headers, right);
		t->converted = true;
	}
	table_add(&t->rows, cells);
	table_add(&t->shown, shown);
}

const char *report_cell(const struct report_table *t, int row, int column)
{
	return t->converted ? t->shown.cells[row][column] : t->rows.cells[row][column];
}

const char *report_money_prefix(const struct report *r, const struct report_table *t)
{
	return t->converted ? r->money_prefix : "$";
}

void report_table_footer(struct report_table *t, const char *const *cells)
{
	for (int c = 0; c < t->column_count; c++) {
		free(t->footer[c]);
		t->footer[c] = dup_or_die(cells[c]);
	}
}

void report_table_footer_shown(struct report_table *t, const char *const *cells,
                               const char *const *shown)
{
	report_table_footer(t, cells);
	for (int c = 0; c < t->column_count; c++) {
		free(t->footer_shown[c]);
		t->footer_shown[c] = dup_or_die(shown[c]);
	}
}

const struct report_table *report_find_table(const struct report *r,
                                             const char *name)
{
	for (int i = 0; i < r->table_count; i++)
		if (strcmp(r->tables[i].name, name) == 0)
			return &r->tables[i];
	return NULL;
}

/* Whether some series of the chart has a figure (a cell not empty). */
static bool chart_has_figure(const struct report_table *t,
                             const struct report_chart *chart)
{
	for (int row = 0; row < t->rows.rows; row++)
		for (int s = 0; s < chart->series_count; s++)
			if (*report_cell(t, row, chart->series[s].column))
				return true;
	return false;
}

void report_add_chart(struct report *r, const struct report_chart *chart)
{
	const struct report_table *t = report_find_table(r, chart->table);
	char note[300];

	if (r->chart_count >= (int)(sizeof r->charts / sizeof r->charts[0]) || !t)
		abort(); /* a programming error in a chart description */
	if (t->rows.rows == 0) {
		/* gnuplot refuses a plot with no points: say so instead. */
		snprintf(note, sizeof note, "%s: not drawn, its table (%s.csv) has no "
		         "rows.", chart->title, t->name);
		report_add_note(r, note);
		return;
	}
	if (!chart_has_figure(t, chart)) {
		/* Every figure NOT PRICED: nothing to draw (and gnuplot 5.4
		 * crashes on labels with no point), so say so instead. */
		snprintf(note, sizeof note, "%s: not drawn, no figure of its table "
		         "(%s.csv) is priced.", chart->title, t->name);
		report_add_note(r, note);
		return;
	}
	if (chart->kind == CHART_BARS && t->shown_max > 0 && t->rows.rows > t->shown_max) {
		/* More bars than a page shows rows: unreadable, so not drawn. */
		snprintf(note, sizeof note, "%s: not drawn, %d rows are too many for one "
		         "chart (the table shows %d, %s.csv all of them).", chart->title,
		         t->rows.rows, t->shown_max, t->name);
		report_add_note(r, note);
		return;
	}
	r->charts[r->chart_count++] = chart;
}

void report_add_headline(struct report *r, const char *key, const char *label,
                         const char *shown, const char *exact, const char *detail)
{
	struct report_headline *h = &r->headlines[r->headline_count++];

	if (r->headline_count > (int)(sizeof r->headlines / sizeof r->headlines[0]))
		abort();
	h->key = dup_or_die(key);
	h->label = label ? dup_or_die(label) : NULL;
	h->detail = detail ? dup_or_die(detail) : NULL;
	h->shown = dup_or_die(shown);
	h->exact = dup_or_die(exact);
}

void report_add_warning(struct report *r, const char *table, const char *text)
{
	if (r->warning_count >= (int)(sizeof r->warnings / sizeof r->warnings[0]))
		return; /* the page lists the first; stderr had every one */
	r->warnings[r->warning_count].text = dup_or_die(text);
	r->warnings[r->warning_count].table = table;
	r->warning_count++;
}

void report_add_note(struct report *r, const char *text)
{
	if (r->note_count >= (int)(sizeof r->notes / sizeof r->notes[0]))
		abort();
	r->notes[r->note_count++] = dup_or_die(text);
}

const char *report_cell_shown(const char *prefix, enum report_unit unit,
                              const char *exact, char buf[64])
{
	money m;
	const char *why;
	size_t n;

	if (unit == UNIT_USD && !*exact) {
		/* An empty amount is one no price covers (CSV keeps it empty). */
		snprintf(buf, 64, "NOT PRICED");
		return buf;
	}
	if (unit == UNIT_TEXT || !money_parse(exact, &m, &why)) {
		snprintf(buf, 64, "%s", exact);
		return buf;
	}
	if (unit == UNIT_USD) {
		char cents[64];
		cli_money_cents(m, cents);
		if (cents[0] == '-')
			snprintf(buf, 64, "-%s%s", prefix, cents + 1);
		else
			snprintf(buf, 64, "%s%s", prefix, cents);
		return buf;
	}
	if (!money_format(m, unit == UNIT_PERCENT ? 1 : 2, true, buf, 60)) {
		snprintf(buf, 64, "%s", exact);
		return buf;
	}
	n = strlen(buf);
	if (unit == UNIT_PERCENT)
		buf[n++] = '%', buf[n] = '\0';
	else if (n > 3 && strcmp(buf + n - 3, ".00") == 0)
		buf[n - 3] = '\0'; /* whole counts read better without ".00" */
	return buf;
}

/* ---- writing ---------------------------------------------------------- */

/* A file of the pack being built in the temporary directory. */
struct pack {
	const struct report_options *opt;
	char *tmp;                 /* the temporary directory beside DIR */
	struct report_result *res; /* names written so far */
};

static char *path_join(const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *p = malloc(n);

	if (!p)
		abort();
	snprintf(p, n, "%s/%s", dir, name);
	return p;
}

static void result_add(struct report_result *res, const char *name)
{
	if (res->file_count >= (int)(sizeof res->files / sizeof res->files[0]))
		abort(); /* more files than any description makes */
	res->files[res->file_count++] = dup_or_die(name);
}

typedef void (*pack_writer)(FILE *out, const struct report *r, const void *arg);

/* Writes one file of the pack from a writer callback through a memory buffer. */
static enum status pack_file(struct pack *p, const char *name, pack_writer fn,
                             const struct report *r, const void *arg,
                             struct diag *d)
{
	char *text = NULL, *path;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	enum status st;

	if (!f)
		return diag_set(d, STATUS_IO, "out of memory");
	fn(f, r, arg);
	if (fclose(f) != 0) {
		free(text);
		return diag_set(d, STATUS_IO, "out of memory");
	}
	path = path_join(p->tmp, name);
	st = file_write_atomic(path, text, len, d);
	free(path);
	free(text);
	if (st == STATUS_OK)
		result_add(p->res, name);
	return st;
}

/* The stamp as extra CSV columns, so that the file stays plain RFC 4180 and
 * every row says where its figures come from. */
static int stamp_fields(const struct report *r, const char **names,
                        const char **values, char bufs[][64], int max)
{
	int n = 0;

	for (cJSON *item = r->stamp->child; item && n < max; item = item->next) {
		names[n] = item->string;
		if (cJSON_IsString(item))
			values[n] = item->valuestring;
		else {
			char *raw = cJSON_PrintUnformatted(item);
			snprintf(bufs[n], 64, "%s", raw ? raw : "");
			cJSON_free(raw);
			values[n] = bufs[n];
		}
		n++;
	}
	return n;
}

static void write_csv(FILE *out, const struct report *r, const void *arg)
{
	const struct report_table *t = arg;
	const char *fields[2 * REPORT_MAX_COLUMNS + 10], *stamp_names[10], *stamp_values[10];
	char bufs[10][64], keys[REPORT_MAX_COLUMNS][64];
	int ns = stamp_fields(r, stamp_names, stamp_values, bufs, 10), nc = 0;
	int converted[REPORT_MAX_COLUMNS];

	/* In another currency: the USD columns, then each converted one
	 * ("sync_usd_month" -> "sync_eur_month"), then the stamp. */
	for (int c = 0; t->converted && c < t->column_count; c++)
		if (t->columns[c].unit == UNIT_USD)
			converted[nc++] = c;
	for (int c = 0; c < t->column_count; c++)
		fields[c] = t->columns[c].name;
	for (int k = 0; k < nc; k++)
		fields[t->column_count + k] = cli_currency_key(r->ctx,
		                                               t->columns[converted[k]].name,
		                                               keys[k]);
	for (int s = 0; s < ns; s++)
		fields[t->column_count + nc + s] = stamp_names[s];
	cli_csv_row(out, fields, t->column_count + nc + ns);
	for (int row = 0; row < t->rows.rows; row++) {
		for (int c = 0; c < t->column_count; c++)
			fields[c] = t->rows.cells[row][c];
		for (int k = 0; k < nc; k++)
			fields[t->column_count + k] = t->shown.cells[row][converted[k]];
		for (int s = 0; s < ns; s++)
			fields[t->column_count + nc + s] = stamp_values[s];
		cli_csv_row(out, fields, t->column_count + nc + ns);
	}
}

static void write_summary(FILE *out, const struct report *r, const void *arg)
{
	const bool *rendered = arg;
	cJSON *root = cJSON_CreateObject(), *headline, *tables, *charts;
	char name[200];

	cJSON_AddStringToObject(root, "title", r->title);
	headline = cJSON_AddObjectToObject(root, "headline");
	tables = cJSON_AddArrayToObject(root, "tables");
	charts = cJSON_AddArrayToObject(root, "charts");
	for (int i = 0; i < r->headline_count; i++)
		cJSON_AddRawToObject(headline, r->headlines[i].key, r->headlines[i].exact);
	for (int i = 0; i < r->table_count; i++) {
		const struct report_table *t = &r->tables[i];
		cJSON *o = cJSON_CreateObject(), *cols = cJSON_AddArrayToObject(o, "columns");
		snprintf(name, sizeof name, "%s.csv", t->name);
		cJSON_AddStringToObject(o, "name", t->name);
		cJSON_AddStringToObject(o, "title", t->title);
		cJSON_AddStringToObject(o, "csv", name);
		cli_json_int(o, "rows", t->rows.rows);
		for (int c = 0; c < t->column_count; c++)
			cJSON_AddItemToArray(cols, cJSON_CreateString(t->columns[c].name));
		cJSON_AddItemToArray(tables, o);
	}
	for (int i = 0; i < r->chart_count; i++) {
		const struct report_chart *c = r->charts[i];
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "name", c->name);
		cJSON_AddStringToObject(o, "title", c->title);
		cJSON_AddStringToObject(o, "table", c->table);
		snprintf(name, sizeof name, "%s.dat", c->name);
		cJSON_AddStringToObject(o, "data", name);
		snprintf(name, sizeof name, "%s.gp", c->name);
		cJSON_AddStringToObject(o, "script", name);
		cJSON_AddBoolToObject(o, "rendered", *rendered);
		if (*rendered) {
			snprintf(name, sizeof name, "%s.png", c->name);
			cJSON_AddStringToObject(o, "png", name);
			snprintf(name, sizeof name, "%s.svg", c->name);
			cJSON_AddStringToObject(o, "svg", name);
			snprintf(name, sizeof name, "%s-narrow.svg", c->name);
			cJSON_AddStringToObject(o, "svg_narrow", name);
		}
		cJSON_AddItemToArray(charts, o);
	}
	if (r->warning_count > 0) {
		cJSON *warnings = cJSON_AddArrayToObject(root, "warnings");
		for (int i = 0; i < r->warning_count; i++) {
			cJSON *o = cJSON_CreateObject();
			cJSON_AddStringToObject(o, "text", r->warnings[i].text);
			if (r->warnings[i].table) {
				snprintf(name, sizeof name, "%s.csv", r->warnings[i].table);
				cJSON_AddStringToObject(o, "affects", name);
			} else {
				cJSON_AddNullToObject(o, "affects");
			}
			cJSON_AddItemToArray(warnings, o);
		}
	}
	if (r->note_count > 0) {
		cJSON *notes = cJSON_AddArrayToObject(root, "notes");
		for (int i = 0; i < r->note_count; i++)
			cJSON_AddItemToArray(notes, cJSON_CreateString(r->notes[i]));
	}
	cJSON_AddItemReferenceToObject(root, "stamp", r->stamp);
	cli_json_print(out, root);
	cJSON_Delete(root);
}

static void write_chart_data(FILE *out, const struct report *r, const void *arg)
{
	report_chart_write_data(out, r, arg);
}

static void write_chart_script(FILE *out, const struct report *r, const void *arg)
{
	report_chart_write_script(out, r, arg);
}

static void write_style(FILE *out, const struct report *r, const void *arg)
{
	(void)arg;
	report_chart_write_style(out, r);
}

struct html_arg {
	const char *dir;
	bool rendered;
	bool ok;
};

static void write_html(FILE *out, const struct report *r, const void *arg)
{
	struct html_arg *a = (struct html_arg *)arg;
	a->ok = report_html_write(out, r, a->dir, a->rendered);
}

static void write_manifest(FILE *out, const struct report *r, const void *arg)
{
	const struct report_result *res = arg;

	(void)r;
	fprintf(out, "# Files written by 'batchcalc report'. The next report removes and\n"
	             "# replaces exactly these; other files in this directory are left alone.\n");
	for (int i = 0; i < res->file_count; i++)
		fprintf(out, "%s\n", res->files[i]);
}

static bool in_result(const struct report_result *res, const char *name)
{
	for (int i = 0; i < res->file_count; i++)
		if (strcmp(res->files[i], name) == 0)
			return true;
	return false;
}

/* Removes the temporary directory and everything in it (all of it ours). */
static void remove_tmp(const char *tmp)
{
	DIR *dir = opendir(tmp);
	struct dirent *e;

	if (dir) {
		while ((e = readdir(dir))) {
			if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
				continue;
			char *p = path_join(tmp, e->d_name);
			remove(p);
			free(p);
		}
		closedir(dir);
	}
	rmdir(tmp);
}

/* Creates the temporary directory beside DIR: PARENT/.NAME.tmp-XXXXXX. */
static enum status make_tmp(const char *dir, char **tmp, struct diag *d)
{
	size_t n = strlen(dir);
	char *copy = dup_or_die(dir), *slash, *path;
	const char *parent, *base;
	struct stat sb;

	while (n > 1 && copy[n - 1] == '/')
		copy[--n] = '\0';
	if (stat(copy, &sb) == 0 && !S_ISDIR(sb.st_mode)) {
		free(copy);
		return diag_set(d, STATUS_IO, "%s: cannot write the report: not a directory",
		                dir);
	}
	slash = strrchr(copy, '/');
	if (slash == copy) {
		parent = "/";
		base = copy + 1;
	} else if (slash) {
		*slash = '\0';
		parent = copy;
		base = slash + 1;
	} else {
		parent = ".";
		base = copy;
	}
	n = strlen(parent) + strlen(base) + 16;
	path = malloc(n);
	if (!path)
		abort();
	snprintf(path, n, "%s/.%s.tmp-XXXXXX", parent, base);
	if (!mkdtemp(path)) {
		int err = errno;
		free(path);
		free(copy);
		return diag_set(d, STATUS_IO, "%s: cannot write the report: cannot create "
		                "a directory beside it: %s", dir, strerror(err));
	}
	free(copy);
	*tmp = path;
	return STATUS_OK;
}

/* Moves the new pack into DIR, then removes the old pack's leftovers. */
static enum status commit(struct pack *p, struct diag *d)
{
	const char *dir = p->opt->dir;
	char *old = NULL, *from, *to;
	size_t old_len;
	struct diag ignored;
	char *manifest = path_join(dir, REPORT_MANIFEST);
	enum status st = STATUS_OK;

	if (mkdir(dir, 0777) != 0 && errno != EEXIST)
		st = diag_set(d, STATUS_IO, "%s: cannot create: %s", dir, strerror(errno));
	if (st == STATUS_OK && file_read_all(manifest, &old, &old_len, &ignored) != STATUS_OK)
		old = NULL; /* the first report here */
	for (int i = 0; st == STATUS_OK && i < p->res->file_count; i++) {
		from = path_join(p->tmp, p->res->files[i]);
		to = path_join(dir, p->res->files[i]);
		if (rename(from, to) != 0)
			st = diag_set(d, STATUS_IO, "%s: cannot write: %s", to, strerror(errno));
		free(from);
		free(to);
	}
	/* Files of the previous pack that this one did not write again. Only
	 * plain names are trusted: a manifest never names another directory. */
	for (char *line = old, *next; st == STATUS_OK && line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (*line == '#' || *line == '\0' || *line == '.' || strchr(line, '/') ||
		    strcmp(line, REPORT_MANIFEST) == 0 || in_result(p->res, line))
			continue;
		to = path_join(dir, line);
		if (remove(to) != 0 && errno != ENOENT)
			cli_warn("%s: cannot remove the previous report's file: %s", to,
			         strerror(errno));
		free(to);
	}
	free(old);
	if (st == STATUS_OK) {
		char *text = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&text, &len);
		if (!f)
			abort();
		write_manifest(f, NULL, p->res);
		if (fclose(f) != 0)
			abort();
		st = file_write_atomic(manifest, text, len, d);
		free(text);
	}
	free(manifest);
	return st;
}

enum status report_write(const struct report *r, const struct report_options *opt,
                         struct report_result *res, struct diag *d)
{
	struct pack p = {opt, NULL, res};
	struct html_arg html = {NULL, false, true};
	enum status st;
	char name[256];

	memset(res, 0, sizeof *res);
	if ((st = make_tmp(opt->dir, &p.tmp, d)))
		return st;
	for (int i = 0; st == STATUS_OK && i < r->table_count; i++) {
		snprintf(name, sizeof name, "%s.csv", r->tables[i].name);
		st = pack_file(&p, name, write_csv, r, &r->tables[i], d);
	}
	if (st == STATUS_OK && r->chart_count > 0)
		st = pack_file(&p, "style.gp", write_style, r, NULL, d);
	for (int i = 0; st == STATUS_OK && i < r->chart_count; i++) {
		snprintf(name, sizeof name, "%s.dat", r->charts[i]->name);
		st = pack_file(&p, name, write_chart_data, r, r->charts[i], d);
		snprintf(name, sizeof name, "%s.gp", r->charts[i]->name);
		if (st == STATUS_OK)
			st = pack_file(&p, name, write_chart_script, r, r->charts[i], d);
	}
	res->rendered = r->chart_count > 0;
	for (int i = 0; st == STATUS_OK && res->rendered && i < r->chart_count; i++) {
		bool found = true;
		snprintf(name, sizeof name, "%s.gp", r->charts[i]->name);
		st = report_chart_render(opt->gnuplot, p.tmp, name, &found, d);
		if (!found) { /* known at the first chart, before anything is drawn */
			res->rendered = false;
			break;
		}
		for (int k = 0; st == STATUS_OK && k < 3; k++) {
			static const char *const ext[] = {".png", ".svg", "-narrow.svg"};
			char *path;
			snprintf(name, sizeof name, "%s%s", r->charts[i]->name, ext[k]);
			path = path_join(p.tmp, name);
			/* Checked now, so that the move into DIR cannot miss one. */
			if (access(path, F_OK) != 0)
				st = diag_set(d, STATUS_IO, "%s %s.gp did not write %s",
				              opt->gnuplot, r->charts[i]->name, name);
			else
				result_add(res, name);
			free(path);
		}
	}
	if (st == STATUS_OK)
		st = pack_file(&p, "summary.json", write_summary, r, &res->rendered, d);
	html.dir = p.tmp;
	html.rendered = res->rendered;
	if (st == STATUS_OK)
		st = pack_file(&p, "index.html", write_html, r, &html, d);
	if (st == STATUS_OK && !html.ok)
		st = diag_set(d, STATUS_IO, "%s: cannot read a rendered chart back", p.tmp);
	if (st == STATUS_OK)
		st = commit(&p, d);
	remove_tmp(p.tmp);
	free(p.tmp);
	return st;
}

void report_result_release(struct report_result *res)
{
	for (int i = 0; i < res->file_count; i++)
		free(res->files[i]);
	memset(res, 0, sizeof *res);
}

void report_release(struct report *r)
{
	for (int i = 0; i < r->table_count; i++) {
		table_release(&r->tables[i].rows);
		if (r->tables[i].converted)
			table_release(&r->tables[i].shown);
		for (int c = 0; c < REPORT_MAX_COLUMNS; c++) {
			free(r->tables[i].footer[c]);
			free(r->tables[i].footer_shown[c]);
		}
	}
	for (int i = 0; i < r->headline_count; i++) {
		free(r->headlines[i].key);
		free(r->headlines[i].label);
		free(r->headlines[i].detail);
		free(r->headlines[i].shown);
		free(r->headlines[i].exact);
	}
	for (int i = 0; i < r->note_count; i++)
		free(r->notes[i]);
	for (int i = 0; i < r->warning_count; i++)
		free(r->warnings[i].text);
	free(r->title);
	free(r->stamp_text);
	cJSON_Delete(r->stamp);
	memset(r, 0, sizeof *r);
}
