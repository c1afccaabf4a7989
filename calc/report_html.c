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

static const char style[] =
	"*{box-sizing:border-box}\n"
	"body{margin:0;font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,"
	"'DejaVu Sans',sans-serif;color:#1a1a1a;background:#fff}\n"
	"main{max-width:72rem;margin:0 auto;padding:1rem}\n"
	"h1{font-size:1.6rem;margin:.5rem 0}\n"
	"h2{font-size:1.25rem;margin:2rem 0 .5rem;border-bottom:1px solid #ddd}\n"
	".stamp{color:#555;font-size:.85rem;overflow-wrap:anywhere}\n"
	".headline{display:grid;grid-template-columns:repeat(auto-fit,minmax(11rem,1fr));"
	"gap:.75rem;margin:1rem 0;padding:0}\n"
	".headline div{border:1px solid #ddd;border-radius:.4rem;padding:.6rem .8rem}\n"
	".headline dt{font-size:.85rem;color:#555}\n"
	".headline dd{margin:0;font-size:1.4rem;font-weight:600;"
	"font-variant-numeric:tabular-nums}\n"
	".scroll{overflow-x:auto}\n"
	"table{border-collapse:collapse;font-variant-numeric:tabular-nums;min-width:100%}\n"
	"th,td{padding:.3rem .5rem;border-bottom:1px solid #e4e4e4;text-align:left;"
	"white-space:nowrap}\n"
	"th{background:#f4f4f4}\n"
	"td.n,th.n{text-align:right}\n"
	"tfoot td{font-weight:600;border-top:2px solid #999}\n"
	"figure{margin:1rem 0}\n"
	"figure .chart{overflow-x:auto}\n"
	"figure svg{width:100%;height:auto;display:block;min-width:40rem}\n"
	"figcaption,.note,.files{font-size:.9rem;color:#444}\n"
	"a{color:#0057a3}\n"
	"@media (max-width:40rem){main{padding:.5rem}body{font-size:15px}"
	"th,td{padding:.25rem .4rem}}\n"
	"@media print{body{font-size:10pt}main{max-width:none;padding:0}"
	"a{color:inherit;text-decoration:none}h2{break-after:avoid}"
	"figure,table,.headline{break-inside:avoid}.scroll,figure .chart{overflow:visible}"
	"figure svg{min-width:0}"
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

static void write_table(FILE *out, const struct report_table *t)
{
	char buf[64];

	fputs("<section id=\"table-", out);
	esc(out, t->name);
	fputs("\">\n<h2>", out);
	esc(out, t->title);
	fputs("</h2>\n", out);
	if (t->note) {
		fputs("<p class=\"note\">", out);
		esc(out, t->note);
		fputs("</p>\n", out);
	}
	fputs("<div class=\"scroll\"><table>\n<thead><tr>", out);
	for (int c = 0; c < t->column_count; c++) {
		fputs(t->columns[c].unit == UNIT_TEXT ? "<th scope=\"col\">"
		                                      : "<th scope=\"col\" class=\"n\">", out);
		esc(out, t->columns[c].label);
		fputs("</th>", out);
	}
	fputs("</tr></thead>\n<tbody>\n", out);
	for (int row = 0; row < t->rows.rows; row++) {
		fputs("<tr>", out);
		for (int c = 0; c < t->column_count; c++) {
			fputs(t->columns[c].unit == UNIT_TEXT ? "<td>" : "<td class=\"n\">", out);
			esc(out, report_cell_shown(t->columns[c].unit, t->rows.cells[row][c], buf));
			fputs("</td>", out);
		}
		fputs("</tr>\n", out);
	}
	fputs("</tbody>\n", out);
	if (t->footer[0]) {
		fputs("<tfoot><tr>", out);
		for (int c = 0; c < t->column_count; c++) {
			fputs(t->columns[c].unit == UNIT_TEXT ? "<td>" : "<td class=\"n\">", out);
			esc(out, report_cell_shown(t->columns[c].unit, t->footer[c], buf));
			fputs("</td>", out);
		}
		fputs("</tr></tfoot>\n", out);
	}
	fputs("</table></div>\n<p class=\"files\">Exact figures: ", out);
	link(out, t->name, ".csv");
	fputs("</p>\n</section>\n", out);
}

/* Writes gnuplot's SVG without its XML prolog, with every id and reference
 * to one prefixed by the chart's name, and the chart's title as its title. */
static void write_svg(FILE *out, const char *svg, const struct report_chart *c)
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
				fprintf(out, "%s-", c->name);
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
	char path[4096], *svg = NULL;
	size_t len;
	struct diag ignored;

	fputs("<figure id=\"chart-", out);
	esc(out, c->name);
	fputs("\">\n", out);
	if (rendered) {
		snprintf(path, sizeof path, "%s/%s.svg", dir, c->name);
		if (file_read_all(path, &svg, &len, &ignored) != STATUS_OK)
			return false;
		fputs("<div class=\"chart\">", out);
		write_svg(out, svg, c);
		fputs("</div>\n", out);
		free(svg);
	} else {
		fputs("<p class=\"note\">Chart not rendered: gnuplot was not found. In this "
		      "directory, run <code>gnuplot ", out);
		esc(out, c->name);
		fputs(".gp</code> to draw it.</p>\n", out);
	}
	fputs("<figcaption>", out);
	esc(out, c->title);
	fputs(". Data ", out);
	link(out, c->name, ".dat");
	fputs(", script ", out);
	link(out, c->name, ".gp");
	if (rendered) {
		fputs(", image ", out);
		link(out, c->name, ".png");
		fputs(", ", out);
		link(out, c->name, ".svg");
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
			fputs("<div><dt>", out);
			esc(out, r->headlines[i].label);
			fputs("</dt><dd>", out);
			esc(out, r->headlines[i].shown);
			fputs("</dd></div>\n", out);
		}
		fputs("</dl>\n", out);
	}
	if (r->note_count > 0) {
		fputs("<ul class=\"note\">\n", out);
		for (int i = 0; i < r->note_count; i++) {
			fputs("<li>", out);
			esc(out, r->notes[i]);
			fputs("</li>\n", out);
		}
		fputs("</ul>\n", out);
	}
	/* Each table, followed by the charts drawn from it. */
	for (int i = 0; i < r->table_count; i++) {
		write_table(out, &r->tables[i]);
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
