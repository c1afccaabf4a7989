/*
 * pricing: what every figure is priced with, and the figures it gives back.
 *
 * A struct pricing holds the price catalogue, the date of use (the day a
 * figure is priced on unless it has a day of its own, such as a batch's
 * created date or each day of a period), the currency figures are shown in
 * with its one rate or dated rate table, and the warnings met while pricing.
 * Commands, the report and the reconciliation all price through it, so one
 * question gets one answer everywhere.
 *
 * Every figure leaves here twice: in USD, the base of every computation, and
 * in the shown currency, converted ONCE, at the rate in force on the figure's
 * own date of use (fx.h: one exact rounding at 1e-12). Without a currency the
 * shown figure is the USD figure. Sums of shown figures are sums of converted
 * figures, each converted once, as a ledger in that currency would add them.
 *
 * It never prints. A warning (a retired model priced at its last list price,
 * billed tokens no price covers, a table used past its end, ...) is kept as
 * data, once however many figures meet it; the CLI prints the ones it has not
 * printed yet (calc/cli.h cli_print_warnings), and the report can list them.
 * A new kind of warning is one more enum value and one pricing_warn() call.
 *
 * Unpriced usage never hides the rest. What no price covers (a workload of a
 * profile, billed usage of a model in results files) is recorded here with
 * pricing_unpriced(): a PRICING_UNPRICED warning naming it with its requests
 * and tokens, counted, and the first reason kept. Every figure that can be
 * priced still is; the money of what cannot is in no figure (never $0), and
 * every total is of the priced part only. Whatever command ran, the CLI then
 * delivers its whole output and exits 4 with pricing_unpriced_status()'s
 * message (calc/main.c), so a command only formats what it was given.
 *
 * Ownership: the pricing owns its catalogue (pricing.catalogue, filled by a
 * loader, calc/catalogue_load.h) and its rate table; pricing_release frees
 * them and the warnings. Models and price entries handed out point into the
 * catalogue and live as long as the pricing. Result structs that allocate
 * (pricing_day, pricing_months) have their own _release.
 *
 * Invariants: money is exact (money.h); a figure that does not fit is
 * STATUS_OVERFLOW where it is made, so no caller ever sees a wrapped figure
 * or needs a sticky flag of its own; a model, or a day, without a price is
 * STATUS_UNKNOWN_MODEL, never $0; a day before the rate table's first row is
 * STATUS_INPUT, never a figure left in USD.
 */
#ifndef BATCHCALC_PRICING_H
#define BATCHCALC_PRICING_H

#include "catalogue.h"
#include "cost.h"
#include "date.h"
#include "fx.h"
#include "money.h"
#include "status.h"
#include "workload.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- the context -------------------------------------------------------- */

/*
 * The currency money is shown in. With a dated table the rate for a day is
 * the row of the latest date on or before it (fx_rate_on); with one rate it is
 * that rate on every day. `used*` record what pricing_fx_on handed out, so the
 * stamp can name the rate (or say "each date") a result was converted at.
 */
struct pricing_currency {
	char code[4];          /* "USD" unless another currency is shown */
	bool converting;       /* false: every rate is 1 (FX_SCALE) */
	const char *source;    /* the table's file name, NULL for one fixed rate;
	                          not owned (it outlives the command) */
	int64_t fixed;         /* the one rate, millionths of the code per USD */
	struct fx_table table; /* the dated rates, owned */
	int used;              /* rates handed out: 0, 1, or 2 for "more than one" */
	int64_t used_micro;    /* the last rate handed out */
	date_days used_day;    /* ... and the date of its table row */
};

enum pricing_warning_kind {
	PRICING_RETIRED,     /* a retired model, priced at its last list price */
	PRICING_ROUTED,      /* a retired model's traffic, billed as its successor */
	PRICING_UNPRICED,    /* billed tokens of a model no price covers */
	PRICING_STALE_TABLE, /* a dated table (rate limits, queue) used past its end */
	PRICING_WARNING_KINDS
};

#define PRICING_WARNING_SIZE 400

/* What a figure no price covers stands for. */
enum pricing_unpriced_kind {
	PRICING_UNPRICED_WORKLOAD, /* a workload of a profile */
	PRICING_UNPRICED_MODEL,    /* billed usage of one model in results files */
	PRICING_UNPRICED_KINDS
};

struct pricing_warning {
	enum pricing_warning_kind kind;
	enum pricing_unpriced_kind what; /* PRICING_UNPRICED: of what */
	char text[PRICING_WARNING_SIZE]; /* one line, without "warning: " */
};

struct pricing {
	struct catalogue catalogue;
	bool have_catalogue;
	date_days day;                   /* the date of use */
	struct pricing_currency currency;
	struct pricing_warning *warnings; /* in the order met, none twice */
	size_t warning_count, warning_capacity;
	/* What no price covers (pricing_unpriced): how many of each kind, each
	 * once, and why the first of them could not be priced. */
	size_t unpriced[PRICING_UNPRICED_KINDS];
	struct diag unpriced_why;
};

/* An empty pricing on `day`: no catalogue yet, USD. */
void pricing_init(struct pricing *pr, date_days day);

/* Frees the catalogue, the rate table and the warnings. */
void pricing_release(struct pricing *pr);

/* Shows money in `code` at one rate (millionths of the code per USD, > 0). */
void pricing_use_rate(struct pricing *pr, const char *code, int64_t micro);

/* Shows money in `code` at the dated rates of `table`, which the pricing
 * takes over (the caller's copy is emptied). `source` names the table in
 * messages and the stamp. A table without a row for `code` is STATUS_INPUT. */
enum status pricing_use_table(struct pricing *pr, const char *code,
                              const char *source, struct fx_table *table,
                              struct diag *d);

/* ---- questions ---------------------------------------------------------- */

/*
 * The model `name` (id, alias, family ...: catalogue_find_model) and its
 * price entry in force on `day`. A retired model is priced at its last list
 * price and adds a PRICING_RETIRED warning; one retired to a successor is,
 * from its retirement, the successor (*model) at the successor's price, and
 * adds a PRICING_ROUTED warning. An unknown name, or a day no entry covers,
 * is STATUS_UNKNOWN_MODEL (with suggestions).
 */
enum status pricing_lookup(struct pricing *pr, const char *name, date_days day,
                           const struct model **model,
                           const struct price_entry **price, struct diag *d);

/* The model `name` resolves to, without a price or a warning; NULL when
 * unknown. For questions about the model itself (its long-context cliff). */
const struct model *pricing_find_model(const struct pricing *pr,
                                       const char *name);

/*
 * The rate (millionths of the shown currency per USD) in force on `day`;
 * FX_SCALE when not converting. A day before the table's first row is
 * STATUS_INPUT naming the first date the table covers.
 */
enum status pricing_fx_on(struct pricing *pr, date_days day, int64_t *micro,
                          struct diag *d);

/* Adds a warning (printf-style text, one line) unless the same one is there.
 * Only running out of memory fails (STATUS_IO). */
enum status pricing_warn(struct pricing *pr, enum pricing_warning_kind kind,
                         struct diag *d, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/*
 * Records that `what` has no price: a PRICING_UNPRICED warning (fmt: one
 * line naming it with its requests and tokens), counted once however often
 * the same text is recorded; `why` (the lookup's message) is kept for the
 * first. Only running out of memory fails (STATUS_IO).
 */
enum status pricing_unpriced(struct pricing *pr, enum pricing_unpriced_kind what,
                             const struct diag *why, struct diag *d,
                             const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/* pricing_unpriced() for workload w of `origin` (model m, NULL when the
 * catalogue does not know it; `requests` a month): its warning names it with
 * its volume and sizes. Every way of pricing a profile records with it. */
enum status pricing_unpriced_workload(struct pricing *pr, const char *origin,
                                      const struct workload *w, const struct model *m,
                                      struct ratio requests, const struct diag *why,
                                      struct diag *d);

/* How many things (workloads and models) no price covers so far. */
size_t pricing_unpriced_count(const struct pricing *pr);

/*
 * STATUS_OK when everything met so far was priced; otherwise
 * STATUS_UNKNOWN_MODEL saying how many workloads and models cannot be
 * priced, and why the first cannot: "1 workload cannot be priced; first:
 * p.csv:3: workload b: unknown model ...".
 */
enum status pricing_unpriced_status(const struct pricing *pr, struct diag *d);

/* ---- figures ------------------------------------------------------------ */

/* The four monthly figures of a workload, or of a sum of them. */
enum pricing_figure {
	PRICING_SYNC,    /* every request on the real-time API */
	PRICING_BATCH,   /* every request on the Batch API */
	PRICING_HYBRID,  /* batch_share to batch, the rest sync */
	PRICING_SAVINGS, /* sync - hybrid */
	PRICING_FIGURES
};

/* "sync", "batch", "hybrid", "savings": the stem of CSV and JSON keys. */
const char *pricing_figure_name(enum pricing_figure f);

/* e's four monthly figures in enum pricing_figure order. */
void pricing_figures_of(const struct workload_estimate *e,
                        money out[PRICING_FIGURES]);

/* One request on the date of use, sync and batch, in USD and shown. */
struct pricing_request {
	const struct model *model;
	const struct price_entry *price; /* the catalogue's, or &tiered */
	struct price_entry tiered;       /* at a service tier / inference geo */
	struct cost_breakdown sync, batch;             /* USD */
	struct cost_breakdown sync_shown, batch_shown; /* every amount converted */
	money savings, savings_shown;                  /* sync - batch totals */
	int64_t fx;                                    /* the day's rate */
};

/*
 * A workload whose average request (input_tokens + output_tokens), or whose
 * 95th percentile, holds more tokens than its model's context window
 * (cost_context_window) describes requests that cannot exist: STATUS_INPUT,
 * never a price. Every way of pricing a workload checks it.
 */
enum status pricing_workload_fits(const struct workload *w, const struct model *m,
                                  struct diag *d);

/* Prices `t` (exclusive classes) as one request of `name` on pr->day. */
enum status pricing_request_compute(struct pricing *pr, const char *name,
                                    const struct token_counts *t,
                                    struct pricing_request *out,
                                    struct diag *d);

/* The same at a service tier and/or inference geo the model offers on the
 * day (price_at_tiers; NULL for none): STATUS_INPUT names what it offers. */
enum status pricing_request_at(struct pricing *pr, const char *name,
                               const char *service, const char *geo,
                               const struct token_counts *t,
                               struct pricing_request *out, struct diag *d);

/* One workload priced per month on a day. */
struct pricing_workload {
	const struct workload *w;
	const struct model *model;       /* the catalogue's model */
	const struct price_entry *price; /* the entry in force on the day, or
	                                    &tiered at the workload's tiers */
	struct price_entry tiered;
	struct workload_estimate e;      /* USD per month */
	money shown[PRICING_FIGURES];    /* e's figures at the day's rate */
	/* With pricing_day_compute_partial: no price (model NULL when the name
	 * is unknown); e holds requests_per_month only, never $0 figures. */
	bool unpriced;
	struct diag why;
};

/*
 * A list of workloads priced per month on one day (the date of use): what
 * `estimate` shows, and what margin, plan, sla --target and the report start
 * from. Invariant: total is the exact sum of the rows (requests included) and
 * total_shown that total converted once at the day's rate; used_derived when
 * any row used a derived batch rate.
 */
struct pricing_day {
	struct pricing_workload *rows; /* count rows, owned */
	size_t count;
	struct workload_estimate total;   /* USD: requests and the four figures */
	money total_shown[PRICING_FIGURES];
	date_days day;
	struct ratio month_days;
	int64_t fx;                       /* the day's rate */
	size_t unpriced;                  /* rows without a price (partial) */
};

/*
 * Prices ws[0..n-1] on pr->day with a month of month_days days. An error
 * names the workload ("ORIGIN:LINE: workload NAME: ..."). *out is left
 * released on failure.
 */
enum status pricing_day_compute(struct pricing *pr, const struct workload *ws,
                                size_t n, const char *origin,
                                struct ratio month_days, struct pricing_day *out,
                                struct diag *d);

/*
 * The same, except that a workload whose model has no price (unknown, or not
 * on the day) is kept as an unpriced row and counted in out->unpriced: the
 * total is then the priced rows' (requests included). For a report that
 * shows everything it can price and lists the rest.
 */
enum status pricing_day_compute_partial(struct pricing *pr, const struct workload *ws,
                                        size_t n, const char *origin,
                                        struct ratio month_days,
                                        struct pricing_day *out, struct diag *d);

/*
 * The list's USD total as if every workload sent `share` (0..SHARE_SCALE) of
 * its volume to batch, each row priced again at its own price entry: share 0
 * gives the sync total and SHARE_SCALE the batch total, exactly.
 */
enum status pricing_day_at_share(const struct pricing_day *pd, int64_t share,
                                 struct workload_estimate *total, struct diag *d);

void pricing_day_release(struct pricing_day *pd);

/*
 * One calendar month of a period. Every day is priced with the price entry
 * and converted with the rate in force on that day, so a closed month keeps
 * its figures when prices or rates change later. A month's figure is the sum
 * over runs of days sharing one price entry and one rate of
 *   (monthly figure with a month of the calendar month's days) x days / days,
 * each run's USD figure rounded once at the picodollar and converted once. A
 * month only partly inside the period counts its days inside it.
 */
struct pricing_month {
	int year, month;
	date_days first, last;          /* its days inside the period */
	int days, days_in_month;
	money usd[PRICING_FIGURES];     /* the list's total */
	money shown[PRICING_FIGURES];
	money *workload_usd;            /* [workload * PRICING_FIGURES + figure] */
	money *workload_shown;
	int64_t fx_first;               /* the rate on its first day */
	bool fx_changed;                /* ... and it changed inside the month */
	bool used_derived;
	/* pricing_months_compute_partial: each workload's days without a price
	 * (in none of its figures, so the month's are of the priced days only),
	 * and how many workloads have some. */
	int *workload_unpriced_days;    /* [workload] */
	size_t unpriced;
};

struct pricing_months {
	struct pricing_month *months;
	size_t count;
	money usd[PRICING_FIGURES], shown[PRICING_FIGURES]; /* the whole period */
	/* per workload, as priced on its first priced day (NULL: never priced) */
	const struct model **models;
	int *unpriced_days;  /* per workload, over the whole period */
	size_t unpriced;     /* workloads with a day without a price */
};

/* Prices ws[0..n-1] on every day of [since, until] (both included), by
 * calendar month. *out is left released on failure. */
enum status pricing_months_compute(struct pricing *pr, const struct workload *ws,
                                   size_t n, const char *origin, date_days since,
                                   date_days until, struct pricing_months *out,
                                   struct diag *d);

/*
 * The same, except that a day a workload has no price on (an unknown model,
 * or a day before its first price) is left out of its figures instead of
 * failing: counted in unpriced_days and the month's workload_unpriced_days,
 * and each such workload recorded once with pricing_unpriced(), so the
 * figures are of the priced days only.
 */
enum status pricing_months_compute_partial(struct pricing *pr,
                                           const struct workload *ws, size_t n,
                                           const char *origin, date_days since,
                                           date_days until,
                                           struct pricing_months *out,
                                           struct diag *d);

void pricing_months_release(struct pricing_months *m);

#endif
