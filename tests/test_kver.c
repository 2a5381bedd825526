/*
 * Unit tests for src/kver.c: the release strings the corpus logs (RHEL,
 * Debian/Ubuntu, rc kernels, 2.6.x), garbage refused, the KVER() code with
 * its patch cap, the ".elN" release and ordering.  "5.4", "3.10.0" and the
 * garbage strings are hand-made.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "kver.h"

#include "banned.h"

static const struct {
	const char *s;
	int maj, min, patch, el;
} releases[] = {
	{ "4.18.0-305.el8.x86_64", 4, 18, 0, 8 },
	{ "6.18.0-rc3", 6, 18, 0, 0 },
	{ "2.6.32-754.el6", 2, 6, 32, 6 },
	{ "2.6.32-504.el6.x86_64", 2, 6, 32, 6 },
	{ "3.10.0-1160.el7.x86_64", 3, 10, 0, 7 },
	{ "5.14.0-427.el9_4.x86_64", 5, 14, 0, 9 },
	{ "6.12.0-55.el10.x86_64", 6, 12, 0, 10 },
	{ "5.4.1-1.el7.elrepo.x86_64", 5, 4, 1, 7 },
	{ "5.15.158-2-pve", 5, 15, 158, 0 },
	{ "3.10.0", 3, 10, 0, 0 },
	{ "5.4", 5, 4, 0, 0 },
	{ "6.1.0+", 6, 1, 0, 0 },
};

static void test_kver_releases(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(releases) / sizeof(releases[0]); i++) {
		struct kver k = { -1, -1, -1, -1 };

		if (kver_parse(releases[i].s, &k) != 0)
			fail_msg("'%s' refused", releases[i].s);
		if (k.maj != releases[i].maj || k.min != releases[i].min ||
		    k.patch != releases[i].patch || k.el != releases[i].el)
			fail_msg("'%s': %d.%d.%d el%d", releases[i].s, k.maj,
				 k.min, k.patch, k.el);
	}
}

static void test_kver_garbage(void **state)
{
	static const char *const junk[] = {
		"", "abc", "6", "6.", ".6.1", "6.x", "6.18abc", "3.-1",
		"-4.18.0", " 4.18.0", "300.1", "4.100.0",
		"99999999999999999999.1", "1.99999999999999999999",
	};
	struct kver k = { 1, 2, 3, 4 };

	(void)state;
	for (size_t i = 0; i < sizeof(junk) / sizeof(junk[0]); i++)
		if (kver_parse(junk[i], &k) != -1)
			fail_msg("'%s' taken as a version", junk[i]);
	assert_int_equal(kver_parse(NULL, &k), -1);
	/* a refused string leaves *k alone */
	assert_int_equal(k.maj, 1);
	assert_int_equal(k.el, 4);
}

static void test_kver_code(void **state)
{
	struct kver k;

	(void)state;
	assert_int_equal(kver_parse("4.15.0-213-generic", &k), 0);
	assert_int_equal(kver_code(&k), 41500);
	assert_int_equal(kver_code(&k), KVER(4, 15, 0));
	assert_int_equal(kver_parse("2.6.35", &k), 0);
	assert_int_equal(kver_code(&k), 20635);
	/* patch 158 is capped at 99: still below the next minor */
	assert_int_equal(kver_parse("5.15.158-2-pve", &k), 0);
	assert_int_equal(kver_code(&k), KVER(5, 15, 99));
	assert_true(kver_code(&k) < KVER(5, 16, 0));
	assert_int_equal(KVER(99, 99, 99), KVER_MAX);
}

static void test_kver_cmp(void **state)
{
	struct kver a, b;

	(void)state;
	assert_int_equal(kver_parse("5.15.158", &a), 0);
	assert_int_equal(kver_parse("5.15.99", &b), 0);
	assert_true(kver_cmp(&a, &b) > 0);   /* past the code's cap */
	assert_true(kver_cmp(&b, &a) < 0);
	assert_int_equal(kver_parse("5.15.158-2-pve", &b), 0);
	assert_int_equal(kver_cmp(&a, &b), 0);
	assert_int_equal(kver_parse("6.1", &b), 0);
	assert_true(kver_cmp(&a, &b) < 0);
	assert_int_equal(kver_parse("4.18.0", &b), 0);
	assert_true(kver_cmp(&a, &b) > 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kver_releases),
		cmocka_unit_test(test_kver_garbage),
		cmocka_unit_test(test_kver_code),
		cmocka_unit_test(test_kver_cmp),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
