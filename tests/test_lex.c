/*
 * Unit tests for src/lex.h and src/lex.c: each reader on empty text, on
 * an end pointer that falls inside a number, on overflow, and that a
 * failure leaves the cursor where it was; the copies' cut at cap - 1 and
 * on a UTF-8 boundary.  All strings are hand-made.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "lex.h"

#include "banned.h"

static void test_lex_ch_and_lit(void **state)
{
	const char *s = "CPU: 3", *p = s, *end = s + strlen(s);

	(void)state;
	assert_int_equal(lex_ch(&p, p, 'C'), -1);   /* empty */
	assert_ptr_equal(p, s);
	assert_int_equal(lex_lit(&p, end, "CPU:"), 0);
	assert_ptr_equal(p, s + 4);
	assert_int_equal(lex_lit(&p, end, " 3 "), -1);  /* past the end */
	assert_ptr_equal(p, s + 4);
	assert_int_equal(lex_ch(&p, end, ' '), 0);
	assert_int_equal(lex_ch(&p, end, '4'), -1);
	assert_int_equal(lex_ch(&p, end, '3'), 0);
	assert_ptr_equal(p, end);
	assert_int_equal(lex_lit(&p, end, ""), 0);
}

static void test_lex_skips(void **state)
{
	const char *s = "  \t x", *p = s, *end = s + strlen(s);

	(void)state;
	lex_skip(&p, end, ' ');
	assert_ptr_equal(p, s + 2);
	lex_skip_blanks(&p, end);
	assert_ptr_equal(p, s + 4);
	lex_skip_blanks(&p, end);
	assert_ptr_equal(p, s + 4);
	p = s;
	lex_skip(&p, s + 1, ' ');   /* stops at end, not at the 'x' */
	assert_ptr_equal(p, s + 1);
}

static void test_lex_digits_bounded(void **state)
{
	const char *s = "12345]", *p = s;
	uint64_t v = 7;

	(void)state;
	assert_int_equal(lex_digits(&p, s, 5, &v), -1);     /* empty */
	assert_int_equal(lex_digits(&p, s + 6, 4, &v), -1); /* 5 > max */
	assert_ptr_equal(p, s);
	assert_int_equal(v, 7);
	assert_int_equal(lex_digits(&p, s + 6, 5, &v), 0);
	assert_int_equal(v, 12345);
	assert_ptr_equal(p, s + 5);
	p = s;   /* the end inside the number: only what is before it */
	assert_int_equal(lex_digits(&p, s + 2, 5, &v), 0);
	assert_int_equal(v, 12);
	assert_ptr_equal(p, s + 2);
	s = "9999999999999999999";   /* 19 digits, max 19: no wrap */
	p = s;
	assert_int_equal(lex_digits(&p, s + 19, 19, &v), 0);
	assert_true(v == UINT64_C(9999999999999999999));
}

static void test_lex_fixed(void **state)
{
	const char *s = "2024-1", *p = s;
	int v = -1;

	(void)state;
	assert_int_equal(lex_fixed(&p, s + 6, 4, &v), 0);
	assert_int_equal(v, 2024);
	assert_int_equal(lex_ch(&p, s + 6, '-'), 0);
	assert_int_equal(lex_fixed(&p, s + 6, 2, &v), -1);  /* 1 of 2 */
	assert_ptr_equal(p, s + 5);
	p = s;
	assert_int_equal(lex_fixed(&p, s + 6, 5, &v), -1);  /* '-' */
	assert_ptr_equal(p, s);
	assert_int_equal(lex_fixed(&p, s + 3, 4, &v), -1);  /* end inside */
}

static void test_lex_num_overflow(void **state)
{
	const char *max = "9223372036854775807", *over = "9223372036854775808";
	const char *p = max;
	int64_t v = 0;

	(void)state;
	assert_int_equal(lex_num(&p, max + strlen(max), &v), 0);
	assert_true(v == INT64_MAX);
	p = over;
	assert_int_equal(lex_num(&p, over + strlen(over), &v), -1);
	assert_ptr_equal(p, over);
	p = over;   /* the end inside the number: a shorter number fits */
	assert_int_equal(lex_num(&p, over + 18, &v), 0);
	assert_true(v == INT64_C(922337203685477580));
	p = "x";
	assert_int_equal(lex_num(&p, p + 1, &v), -1);
	p = "";
	assert_int_equal(lex_num(&p, p, &v), -1);
}

static void test_lex_snum(void **state)
{
	const char *s = "-42kB", *p = s;
	int64_t v = 0;

	(void)state;
	assert_int_equal(lex_snum(&p, s + 5, &v), 0);
	assert_int_equal(v, -42);
	assert_ptr_equal(p, s + 3);
	p = s;
	assert_int_equal(lex_snum(&p, s + 1, &v), -1);   /* "-" alone */
	assert_ptr_equal(p, s);
	p = "+1";
	assert_int_equal(lex_snum(&p, p + 2, &v), -1);   /* no '+' */
}

static void test_lex_hex(void **state)
{
	const char *s = "201dA,", *p = s, *big = "10000000000000000";
	uint64_t v = 0;

	(void)state;
	assert_int_equal(lex_hex(&p, s + 6, 16, &v), 0);
	assert_true(v == 0x201da);
	assert_ptr_equal(p, s + 5);
	p = s;
	assert_int_equal(lex_hex(&p, s + 6, 4, &v), -1);   /* 5 > max */
	assert_int_equal(lex_hex(&p, s, 16, &v), -1);      /* empty */
	assert_ptr_equal(p, s);
	p = big;   /* 17 digits would not fit in 64 bits */
	assert_int_equal(lex_hex(&p, big + 17, 16, &v), -1);
	assert_int_equal(lex_hex(&p, big + 16, 16, &v), 0);
	assert_true(v == UINT64_C(0x1000000000000000));
}

static void test_lex_copy_cut(void **state)
{
	char buf[4];

	(void)state;
	assert_false(lex_copy(buf, sizeof(buf), "abc", 3));
	assert_string_equal(buf, "abc");
	assert_true(lex_copy(buf, sizeof(buf), "abcd", 4));
	assert_string_equal(buf, "abc");
	assert_false(lex_copy(buf, sizeof(buf), "abcd", 0));
	assert_string_equal(buf, "");
	assert_false(lex_copy(buf, 1, "", 0));
	assert_true(lex_copy(buf, 1, "a", 1));
	assert_string_equal(buf, "");
	assert_true(lex_copy_str(buf, sizeof(buf), "python3"));
	assert_string_equal(buf, "pyt");
	assert_false(lex_copy_str(buf, sizeof(buf), "sh"));
	assert_string_equal(buf, "sh");
}

static void test_lex_copy_utf8_boundary(void **state)
{
	char buf[5];
	const char *s = "ab\xc3\xa9z";   /* "abéz" */

	(void)state;
	/* cap 4 keeps 3 bytes: "ab" and the lead of é; é goes whole */
	assert_true(lex_copy_utf8(buf, 4, s, strlen(s)));
	assert_string_equal(buf, "ab");
	assert_true(lex_copy(buf, 4, s, strlen(s)));   /* byte cut */
	assert_string_equal(buf, "ab\xc3");
	assert_true(lex_copy_utf8(buf, sizeof(buf), s, strlen(s)));
	assert_string_equal(buf, "ab\xc3\xa9");
	assert_false(lex_copy_utf8(buf, sizeof(buf), s, 4));
	assert_string_equal(buf, "ab\xc3\xa9");
	assert_true(lex_copy_utf8(buf, 2, "\xc3\xa9", 2));
	assert_string_equal(buf, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lex_ch_and_lit),
		cmocka_unit_test(test_lex_skips),
		cmocka_unit_test(test_lex_digits_bounded),
		cmocka_unit_test(test_lex_fixed),
		cmocka_unit_test(test_lex_num_overflow),
		cmocka_unit_test(test_lex_snum),
		cmocka_unit_test(test_lex_hex),
		cmocka_unit_test(test_lex_copy_cut),
		cmocka_unit_test(test_lex_copy_utf8_boundary),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
