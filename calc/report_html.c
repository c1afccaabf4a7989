/*
 * index.html of a report (report.h): one self-contained page, no network and
 * no script. The charts' SVG is inlined (ids prefixed with the chart's name so
 * that several charts on one page never share one); every other file is a
 * relative link. Every piece of text from outside (names, titles, paths) is
 * escaped.
 */
#include "report.h"

#include "files.h"

#include <stdlib.h>
#include <string.h>

/* Below 40rem (a phone) a table too wide for it shows each row as a card
 * of "label: figure" lines, so no figure is ever cut off or scrolled to;
 * below 48rem each chart is its narrow drawing (report_chart.c). */
static const char style[] =
	"*{box-sizing:border-box}\n"
	"body{margin:0;font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,"
	"'DejaVu Sans',sans-serif;color:#1a1a1a;background:#fff}\n"
	"main{max-width:72rem;margin:0 auto;padding:1rem}\n"
	"h1{font-size:1.6rem;margin:.5rem 0;overflow-wrap:anywhere}\n"
	"h2{font-size:1.25rem;margin:2rem 0 .5rem;border-bottom:1px solid #ddd}\n"
	".stamp{color:#555;font-size:.85rem;overflow-wrap:anywhere}\n"
	".headline{display:grid;grid-template-columns:repeat(auto-fit,minmax(11rem,1fr));"
	"gap:.75rem;margin:1rem 0;padding:0}\n"
	".headline div{border:1px solid #ddd;border-radius:.4rem;padding:.6rem .8rem}\n"
	".headline dt{font-size:.85rem;color:#555}\n"
	".headline dd{margin:0;font-size:1.4rem;font-weight:600;"
	"font-variant-numeric:tabular-nums}\n"
	".headline dd small{display:block;font-size:.8rem;font-weight:400;color:#555}\n"
	".warn{border-left:4px solid #b35900;background:#fff6ec;padding:.4rem .8rem;"
	"margin:.75rem 0;font-size:.9rem}\n"
	".warn ul{margin:.2rem 0;padding-left:1.2rem}\n"
	"table{border-collapse:collapse;font-variant-numeric:tabular-nums;width:100%}\n"
	"th,td{padding:.3rem .5rem;border-bottom:1px solid #e4e4e4;text-align:left}\n"
	"td{white-space:nowrap}\n"
	"td.t{white-space:normal;overflow-wrap:anywhere}\n"
	"td.t:first-child{white-space:nowrap}\n"
	"td.u{white-space:normal}\n"
	"th{background:#f4f4f4;vertical-align:bottom}\n"
	"td.n,th.n{text-align:right}\n"
	"tfoot td{font-weight:600;border-top:2px solid #999}\n"
	"tr.more td{color:#555;font-style:italic}\n"
	"code{font-size:.9em;background:#f4f4f4;padding:0 .2em;border-radius:.2em}\n"
	"figure{margin:1rem 0}\n"
	"figure svg{width:100%;height:auto;display:block}\n"
	".chart-narrow,.chart-title{display:none}\n"
	"figcaption,.note,.files{font-size:.9rem;color:#444;overflow-wrap:anywhere}\n"
	"a{color:#0057a3}\n"
	"@media (max-width:48rem){.chart-wide{display:none}"
	".chart-narrow{display:block;max-width:30rem;margin:0 auto}"
	".chart-title{display:block;font-weight:600;text-align:center;margin:.2rem 0}}\n"
	"@media (max-width:40rem){main{padding:.5rem}body{font-size:15px}"
	"th,td{padding:.25rem .4rem}"
	"table.stack,table.stack tbody,table.stack tfoot,table.stack tr{display:block}"
	"table.stack thead{display:none}"
	"table.stack tr{border:1px solid #ddd;border-radius:.4rem;margin:.4rem 0;"
	"padding:.3rem .6rem}"
	"table.stack td{display:inline-block;border:0;padding:0 1rem 0 0;text-align:left;"
	"white-space:nowrap}"
	"table.stack td::before{content:attr(data-label) ' ';color:#555;font-size:.85em}"
	"table.stack td:empty{display:none}"
	"table.stack td:first-child{display:block;font-weight:600;white-space:normal;"
	"overflow-wrap:anywhere}"
	"table.stack td.t{white-space:normal;overflow-wrap:anywhere}"
	"table.stack tfoot td{border:0}}\n"
	"@media print{body{font-size:10pt}main{max-width:none;padding:0}"
	"a{color:inherit;text-decoration:none}h2{break-after:avoid}"
	"figure,table,.headline{break-inside:avoid}"
	".chart-wide{display:block!important}.chart-narrow,.chart-title{display:none!important}"
	"th{background:none}}\n";

static void esc(FILE *out, const char *text)
{
	for (; *text; text++) {
		switch (*text) {
		case '&': fputs("&amp;", out); break;
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		case '"': fputs("&quot;", out); break;
		case '\'': fputs("&#39;", out); break;
		default: fputc(*text, out);
		}
	}
}

/* Text that may quote a command between backticks (`plan --growth`): the
 * quotes become <code>, the rest is escaped. */
static void esc_text(FILE *out, const char *text)
{
	char buf[512];
	const char *open, *close;

	while ((open = strchr(text, '`')) && (close = strchr(open + 1, '`'))) {
		size_t n = (size_t)(open - text);
		for (size_t done = 0; done < n; ) {
			size_t k = n - done < sizeof buf - 1 ? n - done : sizeof buf - 1;
			memcpy(buf, text + done, k);
			buf[k] = '\0';
			esc(out, buf);
			done += k;
		}
		fputs("<code>", out);
		n = (size_t)(close - open - 1);
		snprintf(buf, sizeof buf, "%.*s", (int)(n < sizeof buf ? n : sizeof buf - 1),
		         open + 1);
		esc(out, buf);
		fputs("</code>", out);
		text = close + 1;
	}
	esc(out, text);
}

/* A relative link to a file of the pack; the name is escaped, and since it
 * is a plain file name (no '/', no ':') it cannot leave the directory. */
static void link(FILE *out, const char *stem, const char *ext)
{
	fputs("<a href=\"", out);
	esc(out, stem);
	fprintf(out, "%s\">", ext);
	esc(out, stem);
	fprintf(out, "%s</a>", ext);
}

/* The warnings affecting table `name` (NULL: all of them, for the top of
 * the page), as a box a reader cannot miss. */
static void write_warnings(FILE *out, const struct report *r, const char *name)
{
	int shown = 0;

	for (int i = 0; i < r->warning_count; i++) {
		const struct report_warning *w = &r->warnings[i];
		if (name && (!w->table || strcmp(w->table, name) != 0))
			continue;
		if (!shown++)
			fputs(name ? "<div class=\"warn\" role=\"note\"><strong>Warning</strong>"
			             " about these figures:<ul>\n"
			           : "<div class=\"warn\" role=\"note\"><strong>Warnings</strong>"
			             " (each is repeated beside the figures it affects):<ul>\n",
			      out);
		fputs("<li>", out);
		esc_text(out, w->text);
		if (!name && w->table) {
			fputs(" (", out);
			fputs("<a href=\"#table-", out);
			esc(out, w->table);
			fputs("\">", out);
			esc(out, w->table);
			fputs("</a>)", out);
		}
		fputs("</li>\n", out);
	}
	if (shown)
		fputs("</ul></div>\n", out);
}

/* Rough width of a table in CSS pixels at 16px: a header wraps at its
 * words, a figure never does. Tables wider than a phone's 360 are stacked
 * there (table.stack); the estimate only chooses a layout, the browser test
 * checks the result. */
#define PHONE_TABLE_PX 340

static double table_width_px(const struct report *r, const struct report_table *t,
                             int rows)
{
	double px = 0;
	char buf[64];

	for (int c = 0; c < t->column_count; c++) {
		size_t widest = 0, word = 0;
		for (const char *p = t->columns[c].label; ; p++) {
			if (*p == ' ' || !*p) {
				widest = word > widest ? word : widest;
				word = 0;
				if (!*p)
					break;
			} else {
				word++;
			}
		}
		for (int row = 0; row <= rows; row++) {
			const char *cell = row < rows ? report_cell(t, row, c)
			                   : t->converted ? t->footer_shown[c] : t->footer[c];
			size_t n;
			if (!cell)
				continue;
			if (t->columns[c].unit == UNIT_USD && !*cell) {
				/* "NOT PRICED" wraps (td.u) */
				n = t->blank ? strlen(t->blank) : strlen("PRICED");
				widest = n > widest ? n : widest;
				continue;
			}
			n = strlen(report_cell_shown(report_money_prefix(r, t), t->columns[c].unit,
			                             cell, buf));
			widest = n > widest ? n : widest;
		}
		px += (double)widest * 8.8 + 16;
	}
	return px;
}

static void write_cell(FILE *out, const char *prefix, const char *blank,
                       const struct report_column *col, const char *exact)
{
	char buf[64];

	/* NOT PRICED may wrap: a cost table with a few is no wider. */
	fputs(col->unit == UNIT_TEXT ? "<td class=\"t\" data-label=\""
	      : col->unit == UNIT_USD && !*exact ? "<td class=\"n u\" data-label=\""
	      : "<td class=\"n\" data-label=\"", out);
	esc(out, col->label);
	fputs("\">", out);
	esc(out, col->unit == UNIT_USD && !*exact && blank
	         ? blank : report_cell_shown(prefix, col->unit, exact, buf));
	fputs("</td>", out);
}

static void write_table(FILE *out, const struct report *r, const struct report_table *t)
{
	int rows = t->shown_max > 0 && t->rows.rows > t->shown_max ? t->shown_max
	                                                          : t->rows.rows;

	fputs("<section id=\"table-", out);
	esc(out, t->name);
	fputs("\">\n<h2>", out);
	esc_text(out, t->title);
	fputs("</h2>\n", out);
	if (t->note) {
		fputs("<p class=\"note\">", out);
		/* A converted table's amounts are in the currency, not in USD. */
		if (t->converted && strncmp(t->note, "USD", 3) == 0) {
			esc(out, r->ctx->pricing.currency.code);
			esc_text(out, t->note + 3);
		} else {
			esc_text(out, t->note);
		}
		if (t->converted) {
			fprintf(out, " Amounts in %s, each at the rate in force on its date of "
			        "use; the CSV keeps the USD figures and adds the %s ones.",
			        r->ctx->pricing.currency.code, r->ctx->pricing.currency.code);
		}
		fputs("</p>\n", out);
	}
	write_warnings(out, r, t->name);
	if (t->rows.rows == 0 && t->empty) {
		fputs("<p>", out);
		esc_text(out, t->empty);
		fputs("</p>\n<p class=\"files\">Exact figures: ", out);
		link(out, t->name, ".csv");
		fputs("</p>\n</section>\n", out);
		return;
	}
	fputs(table_width_px(r, t, rows) > PHONE_TABLE_PX ? "<table class=\"stack\">\n"
	                                                 : "<table>\n", out);
	fputs("<thead><tr>", out);
	for (int c = 0; c < t->column_count; c++) {
		fputs(t->columns[c].unit == UNIT_TEXT ? "<th scope=\"col\">"
		                                      : "<th scope=\"col\" class=\"n\">", out);
		esc(out, t->columns[c].label);
		fputs("</th>", out);
	}
	fputs("</tr></thead>\n<tbody>\n", out);
	for (int row = 0; row < rows; row++) {
		fputs("<tr>", out);
		for (int c = 0; c < t->column_count; c++)
			write_cell(out, report_money_prefix(r, t), t->blank, &t->columns[c],
			           report_cell(t, row, c));
		fputs("</tr>\n", out);
	}
	if (rows < t->rows.rows) {
		/* A screenful is enough on a page; the CSV has every row. */
		fprintf(out, "<tr class=\"more\"><td class=\"t\" colspan=\"%d\">(%d more in ",
		        t->column_count, t->rows.rows - rows);
		link(out, t->name, ".csv");
		fputs(")</td></tr>\n", out);
	}
	fputs("</tbody>\n", out);
	if (t->footer[0]) {
		fputs("<tfoot><tr>", out);
		for (int c = 0; c < t->column_count; c++)
			write_cell(out, report_money_prefix(r, t), t->blank, &t->columns[c],
			           t->converted && t->footer_shown[c] ? t->footer_shown[c]
			                                              : t->footer[c]);
		fputs("</tr></tfoot>\n", out);
	}
	fputs("</table>\n<p class=\"files\">Exact figures: ", out);
	link(out, t->name, ".csv");
	fputs("</p>\n</section>\n", out);
}

/* Writes gnuplot's SVG without its XML prolog, with every id and reference
 * to one prefixed by the chart's name, and the chart's title as its title. */
static void write_svg(FILE *out, const char *svg, const struct report_chart *c,
                      const char *suffix)
{
	static const char *const refs[] = {" id='", " id=\"", "href='#", "href=\"#",
	                                   "url(#"};
	const char *p = strstr(svg, "<svg");

	if (!p)
		return;
	fputs("<svg role=\"img\" aria-label=\"", out);
	esc(out, c->title);
	fputc('"', out);
	p += 4;
	while (*p) {
		bool matched = false;
		if (strncmp(p, "<title>", 7) == 0 && strstr(p, "</title>")) {
			fputs("<title>", out);
			esc(out, c->title);
			fputs("</title>", out);
			p = strstr(p, "</title>") + 8;
			continue;
		}
		for (size_t i = 0; i < sizeof refs / sizeof refs[0]; i++) {
			size_t n = strlen(refs[i]);
			if (strncmp(p, refs[i], n) == 0) {
				fwrite(p, 1, n, out);
				fprintf(out, "%s%s-", c->name, suffix);
				p += n;
				matched = true;
				break;
			}
		}
		if (!matched)
			fputc(*p++, out);
	}
}

static bool write_chart(FILE *out, const struct report_chart *c, const char *dir,
                        bool rendered)
{
	static const char *const variants[][2] = {{"", "chart-wide"},
	                                          {"-narrow", "chart-narrow"}};
	char path[4096], *svg = NULL;
	size_t len;
	struct diag ignored;

	fputs("<figure id=\"chart-", out);
	esc(out, c->name);
	fputs("\">\n", out);
	if (rendered) {
		/* The narrow drawing has no title of its own. */
		fputs("<p class=\"chart-title\" aria-hidden=\"true\">", out);
		esc_text(out, c->title);
		fputs("</p>\n", out);
		for (int v = 0; v < 2; v++) {
			snprintf(path, sizeof path, "%s/%s%s.svg", dir, c->name, variants[v][0]);
			if (file_read_all(path, &svg, &len, &ignored) != STATUS_OK)
				return false;
			fprintf(out, "<div class=\"%s\">", variants[v][1]);
			write_svg(out, svg, c, variants[v][0]);
			fputs("</div>\n", out);
			free(svg);
		}
	} else {
		fputs("<p class=\"note\">Chart not rendered: gnuplot was not found. In this "
		      "directory, run <code>gnuplot ", out);
		esc(out, c->name);
		fputs(".gp</code> to draw it.</p>\n", out);
	}
	fputs("<figcaption>", out);
	esc_text(out, c->title);
	fputs(". Data ", out);
	link(out, c->name, ".dat");
	fputs(", script ", out);
	link(out, c->name, ".gp");
	if (rendered) {
		fputs(", image ", out);
		link(out, c->name, ".png");
		fputs(", ", out);
		link(out, c->name, ".svg");
		fputs(", ", out);
		link(out, c->name, "-narrow.svg");
	}
	fputs(".</figcaption>\n</figure>\n", out);
	return true;
}

bool report_html_write(FILE *out, const struct report *r, const char *dir,
                       bool rendered)
{
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	      "<meta name=\"generator\" content=\"batchcalc " BATCHCALC_VERSION "\">\n"
	      "<title>", out);
	esc(out, r->title);
	fprintf(out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<main>\n"
	             "<header>\n<h1>", style);
	esc(out, r->title);
	fputs("</h1>\n<p class=\"stamp\">", out);
	esc(out, r->stamp_text);
	fputs("</p>\n</header>\n", out);
	if (r->headline_count > 0) {
		fputs("<dl class=\"headline\">\n", out);
		for (int i = 0; i < r->headline_count; i++) {
			const struct report_headline *h = &r->headlines[i];
			if (!h->label)
				continue;
			fputs("<div><dt>", out);
			esc(out, h->label);
			fputs("</dt><dd>", out);
			esc(out, h->shown);
			if (h->detail) {
				fputs("<small>", out);
				esc(out, h->detail);
				fputs("</small>", out);
			}
			fputs("</dd></div>\n", out);
		}
		fputs("</dl>\n", out);
	}
	write_warnings(out, r, NULL);
	if (r->note_count > 0) {
		fputs("<ul class=\"note\">\n", out);
		for (int i = 0; i < r->note_count; i++) {
			fputs("<li>", out);
			esc_text(out, r->notes[i]);
			fputs("</li>\n", out);
		}
		fputs("</ul>\n", out);
	}
	/* Each table, followed by the charts drawn from it. */
	for (int i = 0; i < r->table_count; i++) {
		write_table(out, r, &r->tables[i]);
		for (int k = 0; k < r->chart_count; k++)
			if (strcmp(r->charts[k]->table, r->tables[i].name) == 0 &&
			    !write_chart(out, r->charts[k], dir, rendered))
				return false;
	}
	fputs("<section id=\"files\">\n<h2>Files</h2>\n<p class=\"files\">Tables (CSV, "
	      "exact figures): ", out);
	for (int i = 0; i < r->table_count; i++) {
		if (i)
			fputs(", ", out);
		link(out, r->tables[i].name, ".csv");
	}
	fputs(". Summary: <a href=\"summary.json\">summary.json</a>.", out);
	if (r->chart_count > 0) {
		fputs(" Chart scripts (edit, then run <code>gnuplot NAME.gp</code> here): ", out);
		for (int i = 0; i < r->chart_count; i++) {
			link(out, r->charts[i]->name, ".gp");
			fputs(", ", out);
		}
		fputs("<a href=\"style.gp\">style.gp</a> (shared look).", out);
	}
	fputs("</p>\n</section>\n</main>\n</body>\n</html>\n", out);
	return true;
}
