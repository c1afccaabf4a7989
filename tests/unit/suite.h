/*
 * suite: the few lines every check suite here shares. A suite file defines its
 * START_TEST cases; main() lists them in `const TTest *const tests[]` and
 * returns RUN_SUITE("name", tests), or RUN_SUITE_WITH(..., setup, teardown).
 */
#ifndef BATCHCALC_TEST_SUITE_H
#define BATCHCALC_TEST_SUITE_H

#include <check.h>
#include <stdlib.h>

static inline int run_suite(const char *name, const TTest *const *tests, size_t n,
                            SFun setup, SFun teardown)
{
	Suite *s = suite_create(name);
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	tcase_set_timeout(tc, 120);
	if (setup || teardown)
		tcase_add_checked_fixture(tc, setup, teardown);
	for (size_t i = 0; i < n; i++)
		tcase_add_test(tc, tests[i]);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

#define RUN_SUITE(name, tests) \
	run_suite(name, tests, sizeof tests / sizeof tests[0], NULL, NULL)
/* The same with a fixture run around every case (in the forked test process). */
#define RUN_SUITE_WITH(name, tests, setup, teardown) \
	run_suite(name, tests, sizeof tests / sizeof tests[0], setup, teardown)

#endif
