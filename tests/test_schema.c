/*
 * doc/oomscope.schema.json against the output: every fixture's --json
 * document, rendered in-process as oomscope writes it, must validate, and
 * --ndjson must give one valid event object per line, as many lines as
 * events.
 *
 * The validator is a small JSON Schema (draft-07) subset walked with cJSON,
 * enough for the keywords the schema uses: type (one or a list), required,
 * properties, additionalProperties (a schema), items (a schema), enum,
 * const, anyOf, minimum and local $ref ("#/definitions/x").  Any other
 * keyword makes the test fail, so the schema cannot quietly use one the
 * validator ignores.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "oomscope/analyze.h"
#include "oomscope/pipeline.h"
#include "oomscope/report.h"

/* the schema document, for $ref (loaded once by setup()) */
static const cJSON *root_schema;

static const char *const known[] = {
	"$schema", "$id", "title", "description", "definitions", "type",
	"required", "properties", "additionalProperties", "items", "enum",
	"const", "anyOf", "minimum", "$ref", NULL,
};

static bool valid(const cJSON *s, const cJSON *v, char *where, size_t cap);

static bool type_is(const char *t, const cJSON *v)
{
	if (!strcmp(t, "null")) return cJSON_IsNull(v);
	if (!strcmp(t, "boolean")) return cJSON_IsBool(v);
	if (!strcmp(t, "string")) return cJSON_IsString(v);
	if (!strcmp(t, "array")) return cJSON_IsArray(v);
	if (!strcmp(t, "object")) return cJSON_IsObject(v);
	if (!strcmp(t, "number")) return cJSON_IsNumber(v);
	if (!strcmp(t, "integer"))  /* beyond 9e18 every double is whole */
		return cJSON_IsNumber(v) &&
		       (fabs(v->valuedouble) >= 9e18 ||
			v->valuedouble == (double)(long long)v->valuedouble);
	fail_msg("unknown type '%s' in the schema", t);
	return false;
}

static bool check_type(const cJSON *t, const cJSON *v)
{
	const cJSON *x;

	if (cJSON_IsString(t))
		return type_is(t->valuestring, v);
	cJSON_ArrayForEach(x, t)
		if (type_is(x->valuestring, v))
			return true;
	return false;
}

static bool equal(const cJSON *a, const cJSON *b)
{
	return cJSON_Compare(a, b, true);
}

static bool check_enum(const cJSON *e, const cJSON *v)
{
	const cJSON *x;

	cJSON_ArrayForEach(x, e)
		if (equal(x, v))
			return true;
	return false;
}

static const cJSON *deref(const cJSON *s)
{
	const cJSON *ref = cJSON_GetObjectItemCaseSensitive(s, "$ref");
	const char *prefix = "#/definitions/";

	if (!ref)
		return s;
	assert_true(!strncmp(ref->valuestring, prefix, strlen(prefix)));
	s = cJSON_GetObjectItemCaseSensitive(
		cJSON_GetObjectItemCaseSensitive(root_schema, "definitions"),
		ref->valuestring + strlen(prefix));
	assert_non_null(s);
	return s;
}

static bool check_object(const cJSON *s, const cJSON *v, char *where,
			 size_t cap)
{
	const cJSON *req = cJSON_GetObjectItemCaseSensitive(s, "required");
	const cJSON *props = cJSON_GetObjectItemCaseSensitive(s, "properties");
	const cJSON *more = cJSON_GetObjectItemCaseSensitive(s,
					"additionalProperties");
	const cJSON *x;

	cJSON_ArrayForEach(x, req)
		if (!cJSON_GetObjectItemCaseSensitive(v, x->valuestring)) {
			snprintf(where, cap, "missing key '%s'", x->valuestring);
			return false;
		}
	cJSON_ArrayForEach(x, v) {
		const cJSON *ps = cJSON_GetObjectItemCaseSensitive(props,
								   x->string);

		if (!ps)
			ps = more;
		if (ps && !valid(ps, x, where, cap)) {
			size_t n = strlen(where);

			snprintf(where + n, cap - n, " <- %s", x->string);
			return false;
		}
	}
	return true;
}

static bool check_items(const cJSON *items, const cJSON *v, char *where,
			size_t cap)
{
	const cJSON *x;
	int i = 0;

	cJSON_ArrayForEach(x, v) {
		if (!valid(items, x, where, cap)) {
			size_t n = strlen(where);

			snprintf(where + n, cap - n, " <- [%d]", i);
			return false;
		}
		i++;
	}
	return true;
}

static bool check_any(const cJSON *any, const cJSON *v, char *where,
		      size_t cap)
{
	const cJSON *x;

	cJSON_ArrayForEach(x, any)
		if (valid(x, v, where, cap))
			return true;
	snprintf(where, cap, "no anyOf branch matches");
	return false;
}

static void known_keywords(const cJSON *s)
{
	const cJSON *k;

	cJSON_ArrayForEach(k, s) {
		size_t i = 0;

		while (known[i] && strcmp(known[i], k->string))
			i++;
		if (!known[i])
			fail_msg("schema keyword '%s' is not checked", k->string);
	}
}

static bool valid(const cJSON *s, const cJSON *v, char *where, size_t cap)
{
	const cJSON *t, *min;

	s = deref(s);
	known_keywords(s);
	t = cJSON_GetObjectItemCaseSensitive(s, "type");
	if (t && !check_type(t, v)) {
		snprintf(where, cap, "wrong type");
		return false;
	}
	if ((t = cJSON_GetObjectItemCaseSensitive(s, "enum")) &&
	    !check_enum(t, v)) {
		snprintf(where, cap, "not in enum");
		return false;
	}
	if ((t = cJSON_GetObjectItemCaseSensitive(s, "const")) && !equal(t, v)) {
		snprintf(where, cap, "not the const");
		return false;
	}
	min = cJSON_GetObjectItemCaseSensitive(s, "minimum");
	if (min && cJSON_IsNumber(v) && v->valuedouble < min->valuedouble) {
		snprintf(where, cap, "below minimum");
		return false;
	}
	if ((t = cJSON_GetObjectItemCaseSensitive(s, "anyOf")) &&
	    !check_any(t, v, where, cap))
		return false;
	if (cJSON_IsObject(v) && !check_object(s, v, where, cap))
		return false;
	t = cJSON_GetObjectItemCaseSensitive(s, "items");
	return !(t && cJSON_IsArray(v)) || check_items(t, v, where, cap);
}

/* ---- rendering -------------------------------------------------------- */

static void on_event(void *ctx, struct oom_event *ev)
{
	struct oom_analysis an;

	analyze_event(ev, &an);
	report_event(ctx, ev, &an);
}

static char *render(const char *path, enum report_format fmt, uint64_t *n)
{
	struct report_opts opts = { .format = fmt };
	struct report r;
	struct pipeline p;
	char *doc;
	size_t len;
	FILE *f = open_memstream(&doc, &len);

	assert_non_null(f);
	report_init(&r, &opts, f);
	pipeline_init(&p, 2026, 0, on_event, &r);
	report_begin(&r);
	assert_int_equal(pipeline_run_path(&p, path), 0);
	report_end(&r, &p);
	fclose(f);
	*n = r.n_events;
	pipeline_release(&p);
	report_release(&r);
	return doc;
}

static cJSON *load_schema(void)
{
	const char *dir = getenv("OOMSCOPE_FIXTURES");
	char path[4096];
	char *text;
	size_t len;
	FILE *f;
	cJSON *s;

	snprintf(path, sizeof(path), "%s/../doc/oomscope.schema.json",
		 dir ? dir : "fixtures");
	f = fopen(path, "r");
	assert_non_null(f);
	text = calloc(1, 1 << 20);
	assert_non_null(text);
	len = fread(text, 1, (1 << 20) - 1, f);
	fclose(f);
	assert_true(len > 0);
	s = cJSON_Parse(text);
	free(text);
	assert_non_null(s);
	return s;
}

static void check_ndjson(const char *doc, uint64_t events, const char *name)
{
	const cJSON *ev_schema = cJSON_GetObjectItemCaseSensitive(
		cJSON_GetObjectItemCaseSensitive(root_schema, "definitions"),
		"event");
	uint64_t lines = 0;
	char where[512];

	for (const char *s = doc; *s; lines++) {
		const char *nl = strchr(s, '\n');
		cJSON *o;

		assert_non_null(nl);  /* every line ends */
		o = cJSON_ParseWithLength(s, (size_t)(nl - s));
		assert_non_null(o);
		if (!valid(ev_schema, o, where, sizeof(where)))
			fail_msg("%s ndjson line %llu: %s", name,
				 (unsigned long long)lines + 1, where);
		cJSON_Delete(o);
		s = nl + 1;
	}
	assert_int_equal(lines, events);
}

static void check_fixture(const char *path, const char *name)
{
	uint64_t n, n2;
	char *doc = render(path, REPORT_JSON, &n), where[512];
	cJSON *d = cJSON_Parse(doc);

	assert_non_null(d);
	if (!valid(root_schema, d, where, sizeof(where)))
		fail_msg("%s: %s", name, where);
	assert_int_equal(cJSON_GetArraySize(
		cJSON_GetObjectItemCaseSensitive(d, "events")), (int)n);
	cJSON_Delete(d);
	free(doc);
	doc = render(path, REPORT_NDJSON, &n2);
	assert_int_equal(n2, n);
	check_ndjson(doc, n, name);
	free(doc);
}

static void test_schema_every_fixture_validates(void **state)
{
	const char *dir = getenv("OOMSCOPE_FIXTURES");
	DIR *dd;
	struct dirent *de;
	int files = 0;

	(void)state;
	dir = dir ? dir : "fixtures";
	dd = opendir(dir);
	assert_non_null(dd);
	while ((de = readdir(dd)) != NULL) {
		size_t n = strlen(de->d_name);
		char path[4096];

		if (n < 5 || strcmp(de->d_name + n - 4, ".log"))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		check_fixture(path, de->d_name);
		files++;
	}
	closedir(dd);
	assert_true(files >= 20);
}

/* The validator itself must catch a broken document. */
static void test_schema_validator_rejects(void **state)
{
	static const char *const bad[] = {
		"{\"oomscope_version\":\"0\",\"events\":[],\"inputs\":[]}",
		"{\"schema\":2,\"oomscope_version\":\"0\",\"events\":[],"
		"\"inputs\":[]}",
		"{\"schema\":1,\"oomscope_version\":\"0\",\"events\":[],"
		"\"inputs\":[{\"name\":\"x\",\"lines\":1.5,\"events\":0,"
		"\"ok\":true}]}",
		"{\"schema\":1,\"oomscope_version\":\"0\",\"events\":[{}],"
		"\"inputs\":[]}",
	};
	char where[512];

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		cJSON *d = cJSON_Parse(bad[i]);

		assert_non_null(d);
		assert_false(valid(root_schema, d, where, sizeof(where)));
		cJSON_Delete(d);
	}
}

static int setup(void **state)
{
	(void)state;
	root_schema = load_schema();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	cJSON_Delete((cJSON *)root_schema);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_schema_every_fixture_validates),
		cmocka_unit_test(test_schema_validator_rejects),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
