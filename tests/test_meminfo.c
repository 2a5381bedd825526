/*
 * Unit tests for src/meminfo.c: the Mem-Info and memcg line parsers.
 *
 * Inputs are lines copied verbatim from fixtures/ (file and line number
 * in a comment above each, log prefix removed as prefix.c would) or
 * labelled "hand-made".  Long lines are split into adjacent string literals
 * at blanks; the bytes are unchanged.  Every expected number was read off
 * the raw line; buddy sums were added up by hand (the sum is in a comment).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oomscope/meminfo.h"

#define L(s) (s), strlen(s)

/* global-oom-syslog-centos6-codis.log:50 (2.6.32-504.el6) */
static const char codis_normal[] =
    "Node 0 Normal free:56140kB min:56364kB low:70452kB "
    "high:84544kB active_anon:14098276kB inactive_anon:1288300kB "
    "active_file:13312kB inactive_file:18808kB unevictable:0kB "
    "isolated(anon):0kB isolated(file):0kB present:15513600kB "
    "mlocked:0kB dirty:7488kB writeback:5548kB mapped:1064kB "
    "shmem:292kB slab_reclaimable:11144kB "
    "slab_unreclaimable:30840kB kernel_stack:2184kB "
    "pagetables:53632kB unstable:0kB bounce:0kB writeback_tmp:0kB "
    "pages_scanned:52256 all_unreclaimable? yes";

/* global-oom-bare-rhel7-oomanalyser.log:39 (3.10.0-514.6.1.el7; no #012) */
static const char rhel7_node1_normal[] =
    "Node 1 Normal free:49436kB min:45444kB low:56804kB "
    "high:68164kB active_anon:14967844kB inactive_anon:1244560kB "
    "active_file:1552kB inactive_file:1992kB unevictable:0kB "
    "isolated(anon):0kB isolated(file):0kB present:16777212kB "
    "managed:16514220kB mlocked:0kB dirty:16kB writeback:0kB "
    "mapped:10760kB shmem:138504kB slab_reclaimable:55300kB "
    "slab_unreclaimable:23152kB kernel_stack:6176kB "
    "pagetables:50672kB unstable:0kB bounce:0kB free_pcp:3360kB "
    "local_pcp:248kB free_cma:0kB writeback_tmp:0kB "
    "pages_scanned:125777 all_unreclaimable? yes";

/* global-oom-bare-ubuntu313-nginx-elided.log:9 (3.13.0-86) */
static const char nginx_normal[] =
    "Node 0 Normal free:35640kB min:35748kB low:44684kB "
    "high:53620kB active_anon:4019124kB inactive_anon:292kB "
    "active_file:1292kB inactive_file:2972kB unevictable:0kB "
    "isolated(anon):0kB isolated(file):0kB present:4456448kB "
    "managed:4322984kB mlocked:0kB dirty:24kB writeback:4kB "
    "mapped:1296kB shmem:1324kB slab_reclaimable:81196kB "
    "slab_unreclaimable:83432kB kernel_stack:3392kB "
    "pagetables:20252kB unstable:0kB bounce:0kB free_cma:0kB "
    "writeback_tmp:0kB pages_scanned: 7874 all_unreclaimable? yes";

/* global-oom-syslog-rhel8-varnish.log:43 (4.18.0-553.8.1.el8_10) */
static const char rhel8_normal[] =
    "Node 0 Normal free:37372kB min:35588kB low:44484kB "
    "high:53380kB active_anon:74032kB inactive_anon:2692272kB "
    "active_file:0kB inactive_file:260kB unevictable:82196kB "
    "writepending:92kB present:3145728kB managed:3042240kB "
    "mlocked:82196kB bounce:0kB free_pcp:260kB local_pcp:80kB "
    "free_cma:0kB";

/* manual-oom-bare-ubuntu2110-oomanalyser.log:29 (5.13.0-19-generic) */
static const char ubuntu2110_dma32[] =
    "Node 0 DMA32 free:1696528kB min:44700kB low:55872kB "
    "high:67044kB reserved_highatomic:0KB active_anon:884kB "
    "inactive_anon:57324kB active_file:72396kB "
    "inactive_file:89296kB unevictable:19140kB writepending:2532kB "
    "present:2080640kB managed:2010036kB mlocked:19140kB "
    "bounce:0kB free_pcp:612kB local_pcp:612kB free_cma:0kB";

/* global-oom-bare-arch61-oomanalyser.log:43 (6.1.1-arch1-1) */
static const char arch_normal[] =
    "Node 0 Normal free:61900kB boost:8192kB min:61948kB "
    "low:75384kB high:88820kB reserved_highatomic:0KB "
    "active_anon:1529368kB inactive_anon:7156872kB active_file:0kB "
    "inactive_file:860kB unevictable:7644kB writepending:276kB "
    "present:13096960kB managed:12774792kB mlocked:64kB bounce:0kB "
    "free_pcp:0kB local_pcp:0kB free_cma:0kB";

/* manual-oom-dmesg-nixos618.log:40 (6.18.52) */
static const char nixos_normal[] =
    "Node 0 Normal free:57011076kB boost:0kB min:64256kB "
    "low:126740kB high:189224kB reserved_highatomic:0KB "
    "free_highatomic:0KB active_anon:1243632kB inactive_anon:0kB "
    "active_file:800132kB inactive_file:1192820kB unevictable:0kB "
    "writepending:360kB zspages:0kB present:63688192kB "
    "managed:62492248kB mlocked:0kB bounce:0kB free_pcp:1313732kB "
    "local_pcp:3528kB free_cma:0kB";

/* global-oom-bare-arch61-oomanalyser.log:38 (6.1.1, "shmem_thp: 0kB") */
static const char arch_node[] =
    "Node 0 active_anon:5653768kB inactive_anon:6036764kB "
    "active_file:728kB inactive_file:132kB unevictable:8188kB "
    "isolated(anon):0kB isolated(file):0kB mapped:5172kB "
    "dirty:224kB writeback:80kB shmem:78160kB shmem_thp: 0kB "
    "shmem_pmdmapped: 0kB anon_thp: 1236992kB writeback_tmp:0kB "
    "kernel_stack:10592kB pagetables:102816kB sec_pagetables:0kB "
    "all_unreclaimable? no";

/* manual-oom-dmesg-nixos618.log:35 (6.18.52) */
static const char nixos_node[] =
    "Node 0 active_anon:1243632kB inactive_anon:0kB "
    "active_file:800132kB inactive_file:1192820kB unevictable:0kB "
    "isolated(anon):0kB isolated(file):0kB mapped:555320kB "
    "dirty:360kB writeback:0kB shmem:83028kB shmem_thp:0kB "
    "shmem_pmdmapped:0kB anon_thp:0kB kernel_stack:9568kB "
    "pagetables:11804kB sec_pagetables:3660kB all_unreclaimable? "
    "no Balloon:0kB";

/* global-oom-syslog-centos6-codis.log:54 (no migrate types, 2.6.32) */
static const char codis_buddy_normal[] =
    "Node 0 Normal: 756*4kB 706*8kB 494*16kB 330*32kB 170*64kB "
    "89*128kB 21*256kB 3*512kB 0*1024kB 0*2048kB 0*4096kB = 56320kB";

/* manual-oom-dmesg-nixos618.log:43 */
static const char nixos_buddy_dma32[] =
    "Node 0 DMA32: 7*4kB (M) 9*8kB (UM) 9*16kB (UM) 9*32kB (UM) "
    "8*64kB (M) 9*128kB (UM) 7*256kB (UM) 7*512kB (UM) 11*1024kB "
    "(UM) 13*2048kB (UM) 779*4096kB (M) = 3236244kB";

/*
 * global-oom-bare-ubuntu313-nginx-elided.log:11: the web page joined the
 * DMA and DMA32 buddy lines, and "(E)12*256kB" lacks a blank.
 */
static const char nginx_buddy_joined[] =
    "Node 0 DMA: 1*4kB (U) 0*8kB 0*16kB 1*32kB (U) 2*64kB (U) "
    "1*128kB (U) 1*256kB (U) 0*512kB 1*1024kB (U) 1*2048kB (R) "
    "3*4096kB (M) = 15908kB Node 0 DMA32: 1101*4kB (UE) 745*8kB "
    "(UEM) 475*16kB (UEM) 263*32kB (EM) 88*64kB (UEM) 25*128kB "
    "(E)12*256kB (EM) 6*512kB (E) 7*1024kB (EM) 0*2048kB 0*4096kB "
    "= 48524kB";

static void zone_ok(const char *line, struct oom_zone *z)
{
	int bad = 0;

	meminfo_zone_init(z);
	assert_int_equal(meminfo_parse_zone(L(line), z, &bad), 0);
	assert_int_equal(bad, 0);
}

static void test_meminfo_zone_init_all_na(void **state)
{
	struct oom_zone z;
	struct oom_node n;

	(void)state;
	meminfo_zone_init(&z);
	assert_true(z.node == OOM_NA && z.free_kb == OOM_NA);
	assert_true(z.boost_kb == OOM_NA && z.pages_scanned == OOM_NA);
	assert_true(z.free_cma_kb == OOM_NA && z.zspages_kb == OOM_NA);
	assert_true(z.lowmem_reserve[0] == OOM_NA);
	assert_true(z.buddy.total_kb == OOM_NA && z.buddy.sum_kb == OOM_NA);
	assert_int_equal(z.all_unreclaimable, -1);
	assert_int_equal(z.n_lowmem, 0);
	assert_false(z.buddy.present);
	assert_string_equal(z.name, "");
	meminfo_node_init(&n);
	assert_true(n.node == OOM_NA && n.active_anon_kb == OOM_NA);
	assert_true(n.balloon_kb == OOM_NA && n.pages_scanned == OOM_NA);
	assert_int_equal(n.all_unreclaimable, -1);
}

static void test_meminfo_zone_2_6_32_codis(void **state)
{
	struct oom_zone z;

	(void)state;
	zone_ok(codis_normal, &z);
	assert_true(z.node == 0);
	assert_string_equal(z.name, "Normal");
	assert_true(z.free_kb == 56140 && z.min_kb == 56364);
	assert_true(z.low_kb == 70452 && z.high_kb == 84544);
	assert_true(z.present_kb == 15513600);
	assert_true(z.kernel_stack_kb == 2184 && z.dirty_kb == 7488);
	assert_true(z.isolated_anon_kb == 0);
	assert_true(z.pages_scanned == 52256);
	assert_int_equal(z.all_unreclaimable, 1);
	/* not printed by 2.6.32 */
	assert_true(z.managed_kb == OOM_NA && z.boost_kb == OOM_NA);
}

static void test_meminfo_zone_3_10_rhel7(void **state)
{
	struct oom_zone z;

	(void)state;
	zone_ok(rhel7_node1_normal, &z);
	assert_true(z.node == 1);
	assert_string_equal(z.name, "Normal");
	assert_true(z.free_kb == 49436 && z.min_kb == 45444);
	assert_true(z.low_kb == 56804 && z.high_kb == 68164);
	assert_true(z.managed_kb == 16514220);
	assert_true(z.free_pcp_kb == 3360 && z.local_pcp_kb == 248);
	assert_true(z.pages_scanned == 125777);
	assert_int_equal(z.all_unreclaimable, 1);
}

static void test_meminfo_zone_3_13_nginx_scanned_blank(void **state)
{
	struct oom_zone z;

	(void)state;
	zone_ok(nginx_normal, &z);
	assert_true(z.free_kb == 35640 && z.min_kb == 35748);
	assert_true(z.low_kb == 44684 && z.high_kb == 53620);
	assert_true(z.managed_kb == 4322984 && z.free_cma_kb == 0);
	/* "pages_scanned: 7874" has a blank after the colon */
	assert_true(z.pages_scanned == 7874);
	assert_int_equal(z.all_unreclaimable, 1);
}

static void test_meminfo_zone_4_18_rhel8(void **state)
{
	struct oom_zone z;

	(void)state;
	zone_ok(rhel8_normal, &z);
	assert_true(z.free_kb == 37372 && z.min_kb == 35588);
	assert_true(z.low_kb == 44484 && z.high_kb == 53380);
	assert_true(z.writepending_kb == 92 && z.mlocked_kb == 82196);
	assert_true(z.pages_scanned == OOM_NA);
	assert_int_equal(z.all_unreclaimable, -1);
}

static void test_meminfo_zone_5_13_ubuntu2110(void **state)
{
	struct oom_zone z;

	(void)state;
	zone_ok(ubuntu2110_dma32, &z);
	assert_string_equal(z.name, "DMA32");
	assert_true(z.free_kb == 1696528 && z.min_kb == 44700);
	assert_true(z.low_kb == 55872 && z.high_kb == 67044);
	/* "reserved_highatomic:0KB", capital K */
	assert_true(z.reserved_highatomic_kb == 0);
	assert_true(z.writepending_kb == 2532 && z.managed_kb == 2010036);
	assert_true(z.boost_kb == OOM_NA);
}

/*
 * 5.15 (memcg-oom-dmesg-T-proxmox-oomanalyser.log) is a memcg OOM and has
 * no zone lines; its memcg block is tested below.
 */

static void test_meminfo_zone_6_1_arch(void **state)
{
	struct oom_zone z;

	(void)state;
	zone_ok(arch_normal, &z);
	assert_true(z.free_kb == 61900 && z.boost_kb == 8192);
	assert_true(z.min_kb == 61948 && z.low_kb == 75384);
	assert_true(z.high_kb == 88820);
	assert_true(z.managed_kb == 12774792 && z.mlocked_kb == 64);
	assert_true(z.writepending_kb == 276);
	assert_true(z.free_highatomic_kb == OOM_NA);
}

static void test_meminfo_zone_6_18_nixos(void **state)
{
	struct oom_zone z;

	(void)state;
	zone_ok(nixos_normal, &z);
	assert_true(z.free_kb == 57011076 && z.boost_kb == 0);
	assert_true(z.min_kb == 64256 && z.low_kb == 126740);
	assert_true(z.high_kb == 189224);
	assert_true(z.free_highatomic_kb == 0 && z.zspages_kb == 0);
	assert_true(z.present_kb == 63688192);
	assert_true(z.free_pcp_kb == 1313732 && z.local_pcp_kb == 3528);
}

static void test_meminfo_zone_non_numa_and_strict_name(void **state)
{
	struct oom_zone z;
	int bad = 0;

	(void)state;
	/* hand-made: a non-NUMA kernel omits "Node N " (show_node()) */
	zone_ok("DMA32 free:44880kB min:45248kB low:56560kB high:67872kB", &z);
	assert_true(z.node == OOM_NA);
	assert_string_equal(z.name, "DMA32");
	assert_true(z.free_kb == 44880 && z.high_kb == 67872);
	/* hand-made: unknown zone names and near misses are not zones */
	meminfo_zone_init(&z);
	assert_int_equal(meminfo_parse_zone(L("Node 0 Foo free:1kB"), &z, &bad),
			 -1);
	assert_int_equal(
	    meminfo_parse_zone(L("Node 0 DMA33 free:1kB"), &z, &bad), -1);
	assert_int_equal(meminfo_parse_zone(L("Node 0 DMA min:1kB"), &z, &bad),
			 -1);
	assert_int_equal(meminfo_parse_zone(L("Node 0 DMA per-cpu:"), &z, &bad),
			 -1);
	assert_true(z.free_kb == OOM_NA && z.node == OOM_NA);
}

static void test_meminfo_zone_bad_values_counted(void **state)
{
	struct oom_zone z;
	int bad = 0;

	(void)state;
	/*
	 * hand-made: free overflows int64, min has no number, low lacks kB,
	 * the unreclaimable flag is neither yes nor no; gpu: is unknown.
	 */
	meminfo_zone_init(&z);
	assert_int_equal(
	    meminfo_parse_zone(
		L("  Node 0 DMA "
		  "free:99999999999999999999kB min:abc low:5 high:7kB "
		  "gpu:3kB present: 12kB all_unreclaimable? maybe"),
		&z, &bad),
	    0);
	assert_int_equal(bad, 4);
	assert_true(z.free_kb == OOM_NA && z.min_kb == OOM_NA);
	assert_true(z.low_kb == OOM_NA);
	assert_true(z.high_kb == 7 && z.present_kb == 12);
	assert_int_equal(z.all_unreclaimable, -1);
	/* a NULL bad counter is allowed */
	assert_int_equal(meminfo_parse_zone(L("DMA free:x"), &z, NULL), 0);
}

static void test_meminfo_lowmem(void **state)
{
	int64_t v[OOM_MAX_LOWMEM];
	int n = -1;

	(void)state;
	/* global-oom-syslog-centos6-codis.log:47 */
	assert_int_equal(meminfo_parse_lowmem(
			     L("lowmem_reserve[]: 0 3000 18150 18150"), v, &n),
			 0);
	assert_int_equal(n, 4);
	assert_true(v[0] == 0 && v[1] == 3000 && v[2] == 18150 &&
		    v[3] == 18150);
	/* global-oom-bare-arch61-oomanalyser.log:40 */
	assert_int_equal(
	    meminfo_parse_lowmem(
		L("lowmem_reserve[]: 0 3191 15659 15659 15659"), v, &n),
	    0);
	assert_int_equal(n, 5);
	assert_true(v[1] == 3191 && v[4] == 15659);
	/* hand-made: a record cut after the colon */
	assert_int_equal(meminfo_parse_lowmem(L("lowmem_reserve[]:"), v, &n),
			 0);
	assert_int_equal(n, 0);
	/* hand-made: %ld (3.18+); a garbled value ends the list */
	assert_int_equal(
	    meminfo_parse_lowmem(L("lowmem_reserve[]: 0 -1 3000 12x 5"), v, &n),
	    0);
	assert_int_equal(n, 3);
	assert_true(v[1] == -1 && v[2] == 3000);
	n = 7;
	assert_int_equal(meminfo_parse_lowmem(L("lowmem_reserve: 0 1"), v, &n),
			 -1);
	assert_int_equal(n, 7);
}

static void test_meminfo_buddy_plain_codis(void **state)
{
	struct oom_buddy b;
	int64_t node = -5;
	char zone[16] = "x";
	size_t used = 0;

	(void)state;
	memset(&b, 0, sizeof(b));
	assert_int_equal(
	    meminfo_parse_buddy(L(codis_buddy_normal), &node, zone, &b, &used),
	    0);
	assert_true(node == 0);
	assert_string_equal(zone, "Normal");
	assert_true(b.present);
	assert_int_equal(b.n_orders, 11);
	assert_true(b.count[0] == 756 && b.count[1] == 706);
	assert_true(b.count[7] == 3 && b.count[10] == 0);
	assert_true(b.block_kb[0] == 4 && b.block_kb[10] == 4096);
	assert_string_equal(b.types[0], "");
	assert_true(b.total_kb == 56320);
	/* 3024+5648+7904+10560+10880+11392+5376+1536 = 56320 */
	assert_true(b.sum_kb == 56320);
	assert_int_equal(used, strlen(codis_buddy_normal));
}

static void test_meminfo_buddy_types_nixos(void **state)
{
	struct oom_buddy b;
	int64_t node = -5;
	char zone[16];
	size_t used = 0;

	(void)state;
	memset(&b, 0, sizeof(b));
	assert_int_equal(
	    meminfo_parse_buddy(L(nixos_buddy_dma32), &node, zone, &b, &used),
	    0);
	assert_string_equal(zone, "DMA32");
	assert_int_equal(b.n_orders, 11);
	assert_true(b.count[0] == 7 && b.count[1] == 9);
	assert_true(b.count[9] == 13 && b.count[10] == 779);
	assert_string_equal(b.types[0], "M");
	assert_string_equal(b.types[1], "UM");
	assert_string_equal(b.types[10], "M");
	assert_true(b.total_kb == 3236244);
	/*
	 * 28+72+144+288+512+1152+1792+3584+11264+26624+3190784 = 3236244
	 */
	assert_true(b.sum_kb == 3236244);
}

static void test_meminfo_buddy_nginx_joined_two_calls(void **state)
{
	const char *s = nginx_buddy_joined, *mark = "= 15908kB";
	size_t len = strlen(s), used = 0, used2 = 0;
	struct oom_buddy b;
	int64_t node = -5;
	char zone[16];

	(void)state;
	memset(&b, 0, sizeof(b));
	assert_int_equal(meminfo_parse_buddy(s, len, &node, zone, &b, &used),
			 0);
	assert_string_equal(zone, "DMA");
	assert_int_equal(b.n_orders, 11);
	assert_true(b.count[0] == 1 && b.count[4] == 2);
	assert_string_equal(b.types[9], "R");
	assert_true(b.total_kb == 15908);
	/* 4+32+128+128+256+1024+2048+12288 = 15908 */
	assert_true(b.sum_kb == 15908);
	assert_int_equal(used, (size_t)(strstr(s, mark) - s) + strlen(mark));

	node = -5;
	assert_int_equal(
	    meminfo_parse_buddy(s + used, len - used, &node, zone, &b, &used2),
	    0);
	assert_true(node == 0);
	assert_string_equal(zone, "DMA32");
	assert_int_equal(b.n_orders, 11);
	assert_true(b.count[0] == 1101 && b.count[3] == 263);
	assert_string_equal(b.types[1], "UEM");
	/* the glitch "25*128kB (E)12*256kB (EM)" */
	assert_true(b.count[5] == 25 && b.block_kb[5] == 128);
	assert_string_equal(b.types[5], "E");
	assert_true(b.count[6] == 12 && b.block_kb[6] == 256);
	assert_string_equal(b.types[6], "EM");
	assert_true(b.count[8] == 7 && b.block_kb[8] == 1024);
	assert_true(b.total_kb == 48524);
	/* 4404+5960+7600+8416+5632+3200+3072+3072+7168 = 48524 */
	assert_true(b.sum_kb == 48524);
	assert_int_equal(used + used2, len);
}

static void test_meminfo_buddy_64k_pages(void **state)
{
	struct oom_buddy b;
	int64_t node = -5;
	char zone[16];
	size_t used = 0;

	(void)state;
	/* hand-made: arm64/ppc64 64 KiB pages, the first block is 64kB */
	memset(&b, 0, sizeof(b));
	assert_int_equal(
	    meminfo_parse_buddy(
		L("Node 0 DMA: 3*64kB (UM) 2*128kB 1*256kB (M) 0*512kB "
		  "= 704kB"),
		&node, zone, &b, &used),
	    0);
	assert_int_equal(b.n_orders, 4);
	assert_true(b.block_kb[0] == 64 && b.block_kb[3] == 512);
	assert_true(b.count[0] == 3 && b.count[2] == 1);
	assert_string_equal(b.types[2], "M");
	/* 192 + 256 + 256 = 704 */
	assert_true(b.sum_kb == 704 && b.total_kb == 704);
}

static void test_meminfo_buddy_non_numa_and_cut(void **state)
{
	const char *cut = "Node 0 DMA32: 550*4kB (UM) 250*8kB (UE)";
	struct oom_buddy b;
	int64_t node = -5;
	char zone[16];
	size_t used = 0;

	(void)state;
	/* hand-made: show_free_areas()'s 2.6.32 buddy line without "Node 0 " */
	memset(&b, 0, sizeof(b));
	assert_int_equal(
	    meminfo_parse_buddy(
		L("Normal: 52*4kB 12*8kB 3*16kB "
		  "0*32kB 0*64kB 0*128kB 0*256kB 0*512kB 0*1024kB 0*2048kB "
		  "0*4096kB = 352kB"),
		&node, zone, &b, &used),
	    0);
	assert_true(node == OOM_NA);
	assert_string_equal(zone, "Normal");
	assert_true(b.count[1] == 12 && b.total_kb == 352);
	assert_true(b.sum_kb == 352); /* 208 + 96 + 48 */
	/* hand-made: the arch DMA32 line cut after two orders */
	assert_int_equal(meminfo_parse_buddy(L(cut), &node, zone, &b, &used),
			 0);
	assert_int_equal(b.n_orders, 2);
	assert_true(b.total_kb == OOM_NA);
	assert_true(b.sum_kb == 4200); /* 2200 + 2000 */
	assert_string_equal(b.types[1], "UE");
	assert_int_equal(used, strlen(cut));
}

static void test_meminfo_node_arch_6_1(void **state)
{
	struct oom_node n;
	int bad = 0;

	(void)state;
	meminfo_node_init(&n);
	assert_int_equal(meminfo_parse_node(L(arch_node), &n, &bad), 0);
	assert_int_equal(bad, 0);
	assert_true(n.node == 0);
	assert_true(n.active_anon_kb == 5653768);
	assert_true(n.inactive_anon_kb == 6036764);
	/* "shmem_thp: 0kB ... anon_thp: 1236992kB", blank after colon */
	assert_true(n.shmem_thp_kb == 0 && n.shmem_pmdmapped_kb == 0);
	assert_true(n.anon_thp_kb == 1236992);
	assert_true(n.kernel_stack_kb == 10592);
	assert_true(n.pagetables_kb == 102816 && n.sec_pagetables_kb == 0);
	assert_int_equal(n.all_unreclaimable, 0);
	assert_true(n.balloon_kb == OOM_NA);
}

static void test_meminfo_node_nixos_6_18(void **state)
{
	struct oom_node n;
	int bad = 0;

	(void)state;
	meminfo_node_init(&n);
	assert_int_equal(meminfo_parse_node(L(nixos_node), &n, &bad), 0);
	assert_int_equal(bad, 0);
	assert_true(n.mapped_kb == 555320 && n.shmem_kb == 83028);
	assert_true(n.sec_pagetables_kb == 3660);
	assert_true(n.kernel_stack_kb == 9568);
	assert_int_equal(n.all_unreclaimable, 0);
	/* "Balloon:0kB" follows "all_unreclaimable? no" */
	assert_true(n.balloon_kb == 0);
	assert_true(n.writeback_tmp_kb == OOM_NA);
	/* a zone line is not a node line, and the reverse */
	assert_int_equal(meminfo_parse_node(L(nixos_normal), &n, &bad), -1);
	assert_int_equal(
	    meminfo_parse_zone(L(nixos_node), &(struct oom_zone){0}, &bad), -1);
}

static void test_meminfo_counters_2_6_32(void **state)
{
	struct oom_meminfo mi;
	int bad = 0;

	(void)state;
	memset(&mi, 0xff, sizeof(mi)); /* every field -1: not OOM_NA */
	mi.free_pcp = mi.sec_pagetables = OOM_NA;
	/* global-oom-syslog-centos6-codis.log:41-45, one line each */
	assert_int_equal(
	    meminfo_parse_counters(L("active_anon:4040530 "
				     "inactive_anon:451920 isolated_anon:0"),
				   &mi, &bad),
	    0);
	assert_int_equal(
	    meminfo_parse_counters(L("active_file:3492 "
				     "inactive_file:4985 isolated_file:0"),
				   &mi, &bad),
	    0);
	assert_int_equal(meminfo_parse_counters(L("unevictable:0 dirty:2037 "
						  "writeback:1387 unstable:0"),
						&mi, &bad),
			 0);
	assert_int_equal(meminfo_parse_counters(
			     L("free:35841 "
			       "slab_reclaimable:2943 slab_unreclaimable:7727"),
			     &mi, &bad),
			 0);
	assert_int_equal(meminfo_parse_counters(L("mapped:296 shmem:73 "
						  "pagetables:13459 bounce:0"),
						&mi, &bad),
			 0);
	assert_int_equal(bad, 0);
	assert_true(mi.active_anon == 4040530 && mi.inactive_anon == 451920);
	assert_true(mi.isolated_anon == 0 && mi.inactive_file == 4985);
	assert_true(mi.dirty == 2037 && mi.writeback == 1387);
	assert_true(mi.unstable == 0 && mi.free == 35841);
	assert_true(mi.slab_unreclaimable == 7727 && mi.pagetables == 13459);
	assert_true(mi.bounce == 0);
	assert_true(mi.free_pcp == OOM_NA && mi.sec_pagetables == OOM_NA);
}

/* Splits on rsyslog's "#012" as event.c does, then parses each piece. */
static int counters_split(const char *line, struct oom_meminfo *mi, int *bad)
{
	const char *p = line, *q;

	for (;;) {
		q = strstr(p, "#012");
		if (meminfo_parse_counters(p, q ? (size_t)(q - p) : strlen(p),
					   mi, bad))
			return -1;
		if (q == NULL)
			return 0;
		p = q + 4;
	}
}

static void test_meminfo_counters_rhel7_split(void **state)
{
	struct oom_meminfo mi;
	int bad = 0;

	(void)state;
	memset(&mi, 0xff, sizeof(mi));
	/* global-oom-bare-rhel7-oomanalyser.log:32 */
	assert_int_equal(
	    counters_split(
		"active_anon:7355653 inactive_anon:660960 isolated_anon:0#012 "
		"active_file:1263 inactive_file:1167 isolated_file:32#012 "
		"unevictable:0 dirty:4 writeback:0 unstable:0#012 "
		"slab_reclaimable:27412 slab_unreclaimable:13708#012 "
		"mapped:4818 shmem:87896 pagetables:25222 bounce:0#012 "
		"free:39513 free_pcp:2958 free_cma:0",
		&mi, &bad),
	    0);
	assert_int_equal(bad, 0);
	assert_true(mi.active_anon == 7355653 && mi.isolated_file == 32);
	assert_true(mi.dirty == 4 && mi.slab_reclaimable == 27412);
	assert_true(mi.shmem == 87896 && mi.free == 39513);
	assert_true(mi.free_pcp == 2958 && mi.free_cma == 0);
}

static void test_meminfo_counters_6_18(void **state)
{
	struct oom_meminfo mi;
	int bad = 0;

	(void)state;
	memset(&mi, 0xff, sizeof(mi));
	mi.unstable = OOM_NA;
	/* manual-oom-dmesg-nixos618.log:27-34 */
	assert_int_equal(
	    meminfo_parse_counters(L("active_anon:310908 "
				     "inactive_anon:0 isolated_anon:0"),
				   &mi, &bad),
	    0);
	assert_int_equal(
	    meminfo_parse_counters(
		L("                "
		  "active_file:200033 inactive_file:298205 isolated_file:0"),
		&mi, &bad),
	    0);
	assert_int_equal(
	    meminfo_parse_counters(L("                "
				     "unevictable:0 dirty:90 writeback:0"),
				   &mi, &bad),
	    0);
	assert_int_equal(
	    meminfo_parse_counters(
		L("                "
		  "slab_reclaimable:63584 slab_unreclaimable:59490"),
		&mi, &bad),
	    0);
	assert_int_equal(meminfo_parse_counters(
			     L("                "
			       "mapped:138830 shmem:20757 pagetables:2951"),
			     &mi, &bad),
			 0);
	assert_int_equal(
	    meminfo_parse_counters(L("                "
				     "sec_pagetables:915 bounce:0"),
				   &mi, &bad),
	    0);
	assert_int_equal(meminfo_parse_counters(L("                "
						  "kernel_misc_reclaimable:0"),
						&mi, &bad),
			 0);
	assert_int_equal(meminfo_parse_counters(
			     L("                "
			       "free:15064645 free_pcp:328992 free_cma:0"),
			     &mi, &bad),
			 0);
	assert_int_equal(bad, 0);
	assert_true(mi.active_anon == 310908 && mi.active_file == 200033);
	assert_true(mi.inactive_file == 298205 && mi.dirty == 90);
	assert_true(mi.slab_unreclaimable == 59490 && mi.mapped == 138830);
	assert_true(mi.sec_pagetables == 915);
	assert_true(mi.kernel_misc_reclaimable == 0);
	assert_true(mi.free == 15064645 && mi.free_pcp == 328992);
	assert_true(mi.unstable == OOM_NA);
}

static void test_meminfo_counters_not_claimed(void **state)
{
	struct oom_meminfo mi, before;
	int bad = 0;

	(void)state;
	memset(&mi, 0xff, sizeof(mi));
	before = mi;
	assert_int_equal(meminfo_parse_counters(L(codis_normal), &mi, &bad),
			 -1);
	assert_int_equal(meminfo_parse_counters(L(arch_node), &mi, &bad), -1);
	assert_int_equal(meminfo_parse_counters(L("Mem-Info:"), &mi, &bad), -1);
	/* hand-made: not a line start, or a kB value */
	assert_int_equal(
	    meminfo_parse_counters(L("dirty:5 writeback:0"), &mi, &bad), -1);
	assert_int_equal(meminfo_parse_counters(L("free:12kB"), &mi, &bad), -1);
	assert_memory_equal(&mi, &before, sizeof(mi));
	assert_int_equal(bad, 0);
	/* hand-made: a later token with a kB unit is counted, not stored */
	assert_int_equal(
	    meminfo_parse_counters(L("free:1 free_pcp:2kB"), &mi, &bad), 0);
	assert_int_equal(bad, 1);
	assert_true(mi.free == 1 && mi.free_pcp == -1);
}

static void test_meminfo_pcp_lines(void **state)
{
	(void)state;
	/* global-oom-syslog-centos6-codis.log:26, 27, 40 */
	assert_true(meminfo_is_pcp_line(L("Node 0 DMA per-cpu:")));
	assert_true(
	    meminfo_is_pcp_line(L("CPU    0: hi:    0, btch:   1 usd:   0")));
	assert_true(
	    meminfo_is_pcp_line(L("CPU    3: hi:  186, btch:  31 usd: 184")));
	/* hand-made: non-NUMA */
	assert_true(meminfo_is_pcp_line(L("Normal per-cpu:")));
	/* global-oom-bare-ubuntu313-nginx-elided.log:3 */
	assert_false(meminfo_is_pcp_line(
	    L("CPU: 1 PID: 10242 Comm: nginx "
	      "Not tainted 3.13.0-86-generic #130-Ubuntu")));
	assert_false(meminfo_is_pcp_line(L(codis_normal)));
	/* hand-made near misses */
	assert_false(meminfo_is_pcp_line(L("Node 0 DMA per-cpu: 5")));
	assert_false(meminfo_is_pcp_line(L("Node 0 DMA percpu:")));
	assert_false(meminfo_is_pcp_line(L("CPU    0: lo:    0")));
	assert_false(meminfo_is_pcp_line(L("")));
}

static void test_meminfo_hugepages(void **state)
{
	struct oom_hugepages h = {0};

	(void)state;
	/* global-oom-bare-rhel7-oomanalyser.log:47 */
	assert_int_equal(
	    meminfo_parse_hugepages(
		L("Node 1 hugepages_total=0 "
		  "hugepages_free=0 hugepages_surp=0 hugepages_size=1048576kB"),
		&h),
	    0);
	assert_true(h.node == 1 && h.total == 0 && h.size_kb == 1048576);
	/* hand-made: non-zero counts */
	assert_int_equal(
	    meminfo_parse_hugepages(
		L("Node 0 hugepages_total=8 "
		  "hugepages_free=3 hugepages_surp=1 hugepages_size=2048kB"),
		&h),
	    0);
	assert_true(h.node == 0 && h.total == 8 && h.free == 3);
	assert_true(h.surp == 1 && h.size_kb == 2048);
	assert_int_equal(
	    meminfo_parse_hugepages(L("Node 0 hugepages_total=8"), &h), -1);
	assert_true(h.total == 8);
}

static void test_meminfo_totals_codis(void **state)
{
	struct oom_totals t;
	uint32_t part = 99;

	(void)state;
	memset(&t, 0xff, sizeof(t));
	/* global-oom-syslog-centos6-codis.log:55-63 */
	assert_int_equal(
	    meminfo_parse_totals(L("65997 total pagecache pages"), &t, &part),
	    0);
	assert_int_equal(part, 0);
	assert_int_equal(
	    meminfo_parse_totals(L("57354 pages in swap cache"), &t, &part), 0);
	assert_int_equal(
	    meminfo_parse_totals(
		L("Swap cache stats: add "
		  "46466585, delete 46409231, find 15690882/21869217"),
		&t, &part),
	    0);
	assert_int_equal(meminfo_parse_totals(L("Free swap  = 0kB"), &t, &part),
			 0);
	assert_int_equal(part, OOM_PART_SWAP);
	assert_int_equal(
	    meminfo_parse_totals(L("Total swap = 4063228kB"), &t, &part), 0);
	assert_int_equal(
	    meminfo_parse_totals(L("4718576 pages RAM"), &t, &part), 0);
	assert_int_equal(part, OOM_PART_RAM);
	assert_int_equal(
	    meminfo_parse_totals(L("117970 pages reserved"), &t, &part), 0);
	assert_int_equal(
	    meminfo_parse_totals(L("9305 pages shared"), &t, &part), 0);
	assert_int_equal(
	    meminfo_parse_totals(L("4551285 pages non-shared"), &t, &part), 0);
	assert_int_equal(part, 0);
	assert_true(t.pagecache_pages == 65997 && t.swapcache_pages == 57354);
	assert_true(t.swap_cache_add == 46466585);
	assert_true(t.swap_cache_delete == 46409231);
	assert_true(t.swap_cache_find == 15690882);
	assert_true(t.swap_cache_find_total == 21869217);
	assert_true(t.swap_free_kb == 0 && t.swap_total_kb == 4063228);
	assert_true(t.ram_pages == 4718576 && t.reserved_pages == 117970);
	assert_true(t.shared_pages == 9305 && t.nonshared_pages == 4551285);
	assert_true(t.highmem_pages == -1 && t.hwpoisoned_pages == -1);
}

static void test_meminfo_totals_nixos_and_others(void **state)
{
	struct oom_totals t;
	uint32_t part = 99;

	(void)state;
	memset(&t, 0xff, sizeof(t));
	/* manual-oom-dmesg-nixos618.log:49, 52-55 */
	assert_int_equal(
	    meminfo_parse_totals(L("Free swap  = 9227468kB"), &t, &part), 0);
	assert_int_equal(
	    meminfo_parse_totals(L("0 pages HighMem/MovableOnly"), &t, &part),
	    0);
	assert_int_equal(
	    meminfo_parse_totals(L("315705 pages reserved"), &t, &part), 0);
	assert_int_equal(
	    meminfo_parse_totals(L("0 pages cma reserved"), &t, &part), 0);
	assert_int_equal(
	    meminfo_parse_totals(L("0 pages hwpoisoned"), &t, &part), 0);
	assert_true(t.swap_free_kb == 9227468 && t.highmem_pages == 0);
	assert_true(t.reserved_pages == 315705 && t.cma_reserved_pages == 0);
	assert_true(t.hwpoisoned_pages == 0);
	/* hand-made: 32-bit "N pages HighMem", ARM <= 3.10 "pages of RAM" */
	assert_int_equal(
	    meminfo_parse_totals(L("229376 pages HighMem"), &t, &part), 0);
	assert_true(t.highmem_pages == 229376);
	assert_int_equal(
	    meminfo_parse_totals(L("131072 pages of RAM"), &t, &part), 0);
	assert_int_equal(part, OOM_PART_RAM);
	assert_true(t.ram_pages == 131072);
	/* hand-made near misses */
	assert_int_equal(meminfo_parse_totals(L("12 pages of fun"), &t, &part),
			 -1);
	assert_int_equal(meminfo_parse_totals(L("Free swap  = kB"), &t, &part),
			 -1);
	assert_int_equal(meminfo_parse_totals(L("pages RAM"), &t, &part), -1);
	assert_true(t.ram_pages == 131072 && t.swap_free_kb == 9227468);
}

static void test_meminfo_memcg_counters(void **state)
{
	static struct oom_memcg m;

	(void)state;
	memset(&m, 0, sizeof(m));
	/* memcg-oom-dmesg-618-hog.log:28-30 */
	assert_int_equal(
	    meminfo_parse_memcg_counter(
		L("memory: usage 65536kB, limit 65536kB, failcnt 22"), &m),
	    0);
	assert_int_equal(meminfo_parse_memcg_counter(
			     L("memory+swap: usage "
			       "65536kB, limit 9007199254740988kB, failcnt 0"),
			     &m),
			 0);
	assert_int_equal(meminfo_parse_memcg_counter(
			     L("kmem: usage 188kB, "
			       "limit 9007199254740988kB, failcnt 0"),
			     &m),
			 0);
	assert_true(m.present);
	assert_true(m.memory.usage_kb == 65536 && m.memory.limit_kb == 65536);
	assert_true(m.memory.failcnt == 22);
	assert_true(m.memsw.usage_kb == 65536);
	assert_true(m.memsw.limit_kb == 9007199254740988LL);
	assert_true(m.kmem.usage_kb == 188 && m.kmem.failcnt == 0);
	/* memcg-oom-dmesg-T-proxmox-oomanalyser.log:40-41 */
	assert_int_equal(meminfo_parse_memcg_counter(
			     L("memory: usage "
			       "31211520kB, limit 31211520kB, failcnt 83420"),
			     &m),
			 0);
	assert_int_equal(meminfo_parse_memcg_counter(
			     L("swap: usage 0kB, limit 0kB, failcnt 0"), &m),
			 0);
	assert_true(m.memory.failcnt == 83420 && m.swap.limit_kb == 0);
	/* hand-made: cut, and an overflowing number */
	assert_int_equal(
	    meminfo_parse_memcg_counter(L("memory: usage 1kB, limit 2kB,"), &m),
	    -1);
	assert_int_equal(meminfo_parse_memcg_counter(
			     L("kmem: usage "
			       "99999999999999999999kB, limit 1kB, failcnt 0"),
			     &m),
			 -1);
	assert_true(m.kmem.usage_kb == 188);
}

/* memcg-oom-dmesg-618-hog.log:32-73, prefix removed */
static const char *const v1_stats[] = {
    "cache 0",
    "rss 66916352",
    "rss_huge 0",
    "shmem 0",
    "mapped_file 0",
    "dirty 0",
    "writeback 0",
    "workingset_refault_anon 0",
    "workingset_refault_file 0",
    "swap 0",
    "swapcached 0",
    "pgpgin 16340",
    "pgpgout 3",
    "pgfault 16367",
    "pgmajfault 0",
    "inactive_anon 66899968",
    "active_anon 4096",
    "inactive_file 0",
    "active_file 0",
    "unevictable 0",
    "hierarchical_memory_limit 67108864",
    "hierarchical_memsw_limit 9223372036854771712",
    "total_cache 0",
    "total_rss 66916352",
    "total_rss_huge 0",
    "total_shmem 0",
    "total_mapped_file 0",
    "total_dirty 0",
    "total_writeback 0",
    "total_workingset_refault_anon 0",
    "total_workingset_refault_file 0",
    "total_swap 0",
    "total_swapcached 0",
    "total_pgpgin 16340",
    "total_pgpgout 3",
    "total_pgfault 16367",
    "total_pgmajfault 0",
    "total_inactive_anon 66899968",
    "total_active_anon 4096",
    "total_inactive_file 0",
    "total_active_file 0",
    "total_unevictable 0",
};

static void test_meminfo_memcg_stats_v1_capture(void **state)
{
	static struct oom_memcg m;
	size_t i;

	(void)state;
	memset(&m, 0, sizeof(m));
	/* memcg-oom-dmesg-618-hog.log:31 */
	assert_int_equal(meminfo_parse_memcg_stats_header(
			     L("Memory cgroup stats for /oomtest:"), &m),
			 0);
	assert_string_equal(m.path, "/oomtest");
	assert_false(m.stats_in_kb);
	assert_false(m.path_truncated);
	for (i = 0; i < sizeof(v1_stats) / sizeof(v1_stats[0]); i++)
		assert_int_equal(meminfo_parse_memcg_stat(L(v1_stats[i]), &m),
				 0);
	assert_int_equal(m.n_stats, 42);
	assert_int_equal(m.dropped_stats, 0);
	assert_int_equal(m.version, 1);
	assert_string_equal(m.stats[1].key, "rss");
	assert_true(m.stats[1].value == 66916352);
	assert_string_equal(m.stats[21].key, "hierarchical_memsw_limit");
	assert_true(m.stats[21].value == 9223372036854771712LL);
	assert_string_equal(m.stats[41].key, "total_unevictable");
}

static void test_meminfo_memcg_stats_v2_proxmox(void **state)
{
	static struct oom_memcg m;

	(void)state;
	memset(&m, 0, sizeof(m));
	/* memcg-oom-dmesg-T-proxmox-oomanalyser.log:42-44, 82 */
	assert_int_equal(meminfo_parse_memcg_stats_header(
			     L("Memory cgroup stats for /lxc/39004:"), &m),
			 0);
	assert_string_equal(m.path, "/lxc/39004");
	assert_int_equal(meminfo_parse_memcg_stat(L("anon 31154200576"), &m),
			 0);
	assert_int_equal(meminfo_parse_memcg_stat(
			     L("                          file 688283648"), &m),
			 0);
	assert_int_equal(
	    meminfo_parse_memcg_stat(
		L("                          thp_collapse_alloc 0"), &m),
	    0);
	assert_int_equal(m.version, 2);
	assert_int_equal(m.n_stats, 3);
	assert_string_equal(m.stats[0].key, "anon");
	assert_true(m.stats[0].value == 31154200576LL);
	assert_string_equal(m.stats[1].key, "file");
	assert_true(m.stats[1].value == 688283648);
	assert_true(m.stats[2].value == 0);
}

static void test_meminfo_memcg_stats_neutral_keys(void **state)
{
	static struct oom_memcg m;

	(void)state;
	memset(&m, 0, sizeof(m));
	/* keys both flavours have leave the version open */
	assert_int_equal(meminfo_parse_memcg_stat(L("pgfault 16367"), &m), 0);
	assert_int_equal(meminfo_parse_memcg_stat(L("shmem 0"), &m), 0);
	assert_int_equal(m.version, 0);
	assert_int_equal(meminfo_parse_memcg_stat(L("total_rss 1"), &m), 0);
	assert_int_equal(m.version, 1);
	/* the first decisive key wins */
	assert_int_equal(meminfo_parse_memcg_stat(L("anon 1"), &m), 0);
	assert_int_equal(m.version, 1);
}

static void test_meminfo_memcg_oneliner_kb(void **state)
{
	static struct oom_memcg m;

	(void)state;
	memset(&m, 0, sizeof(m));
	/* hand-made from mm/memcontrol.c's 3.10-5.2 one-line stats format */
	assert_int_equal(
	    meminfo_parse_memcg_stats_header(
		L("Memory cgroup stats for /a/b: cache:0KB rss:65412KB "
		  "rss_huge:0KB mapped_file:0KB swap:0KB inactive_anon:0KB "
		  "active_anon:65400KB inactive_file:0KB active_file:0KB "
		  "unevictable:0KB"),
		&m),
	    0);
	assert_string_equal(m.path, "/a/b");
	assert_true(m.stats_in_kb);
	assert_int_equal(m.n_stats, 10);
	assert_int_equal(m.version, 1);
	assert_string_equal(m.stats[1].key, "rss");
	assert_true(m.stats[1].value == 65412);
	assert_string_equal(m.stats[6].key, "active_anon");
	assert_true(m.stats[6].value == 65400);
	assert_string_equal(m.stats[9].key, "unevictable");
	/* a later header (another cgroup of the subtree) changes nothing */
	assert_int_equal(
	    meminfo_parse_memcg_stats_header(
		L("Memory cgroup stats for /a/b/c: cache:4KB rss:8KB"), &m),
	    0);
	assert_string_equal(m.path, "/a/b");
	assert_int_equal(m.n_stats, 10);
}

static void test_meminfo_memcg_path_spaces_colons(void **state)
{
	static struct oom_memcg m;

	(void)state;
	/* hand-made: paths with blanks and colons */
	memset(&m, 0, sizeof(m));
	assert_int_equal(meminfo_parse_memcg_stats_header(
			     L("  Memory cgroup stats for /odd: dir/x y:"), &m),
			 0);
	assert_string_equal(m.path, "/odd: dir/x y");
	assert_false(m.stats_in_kb);
	memset(&m, 0, sizeof(m));
	assert_int_equal(
	    meminfo_parse_memcg_stats_header(
		L("Memory cgroup stats for /a: b:c: cache:0KB rss:4KB"), &m),
	    0);
	assert_string_equal(m.path, "/a: b:c");
	assert_true(m.stats_in_kb);
	assert_int_equal(m.n_stats, 2);
	assert_true(m.stats[1].value == 4);
	/* the root cgroup */
	memset(&m, 0, sizeof(m));
	assert_int_equal(meminfo_parse_memcg_stats_header(
			     L("Memory cgroup stats for /:"), &m),
			 0);
	assert_string_equal(m.path, "/");
}

static void test_meminfo_memcg_path_too_long(void **state)
{
	static struct oom_memcg m;
	static char line[4096];
	size_t n, i;

	(void)state;
	/* hand-made: 1500 'x' */
	n = (size_t)snprintf(line, sizeof(line), "Memory cgroup stats for /");
	for (i = 0; i < 1500; i++)
		line[n++] = 'x';
	line[n++] = ':';
	memset(&m, 0, sizeof(m));
	assert_int_equal(meminfo_parse_memcg_stats_header(line, n, &m), 0);
	assert_int_equal(strlen(m.path), OOM_PATH_MAX - 1);
	assert_int_equal(m.path[0], '/');
	assert_int_equal(m.path[OOM_PATH_MAX - 2], 'x');
	assert_true(m.path_truncated);
	/*
	 * hand-made: "//" then 2-byte UTF-8 letters; byte 1023 is the second
	 * byte of a letter, so the cut backs off to 1022 bytes.
	 */
	n = (size_t)snprintf(line, sizeof(line), "Memory cgroup stats for //");
	for (i = 0; i < 800; i++) {
		line[n++] = (char)0xc3;
		line[n++] = (char)0xa9;
	}
	line[n++] = ':';
	memset(&m, 0, sizeof(m));
	assert_int_equal(meminfo_parse_memcg_stats_header(line, n, &m), 0);
	assert_int_equal(strlen(m.path), 1022);
	assert_int_equal((unsigned char)m.path[1021], 0xa9);
	assert_true(m.path_truncated);
}

static void test_meminfo_memcg_stat_cap(void **state)
{
	static struct oom_memcg m;
	char line[64];
	int i;

	(void)state;
	memset(&m, 0, sizeof(m));
	for (i = 0; i < OOM_MAX_MEMCG_STATS + 10; i++) {
		snprintf(line, sizeof(line), "key_%d %d", i, i);
		assert_int_equal(meminfo_parse_memcg_stat(L(line), &m), 0);
	}
	assert_int_equal(m.n_stats, OOM_MAX_MEMCG_STATS);
	assert_int_equal(m.dropped_stats, 10);
	assert_string_equal(m.stats[OOM_MAX_MEMCG_STATS - 1].key, "key_159");
}

static void test_meminfo_memcg_stat_rejects(void **state)
{
	static const char *const no[] = {
	    "rss 12 34",
	    "rss -1",
	    "Rss 5",
	    "rss",
	    "rss 5kB",
	    "rss: 5",
	    "rss 99999999999999999999",
	    "total_rss\t",
	    "12",
	    "an_absurdly_long_memory_stat_key_of_fifty_bytes_x 1",
	};
	static struct oom_memcg m;
	size_t i;

	(void)state;
	memset(&m, 0, sizeof(m));
	for (i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		assert_int_equal(meminfo_parse_memcg_stat(L(no[i]), &m), -1);
	assert_int_equal(m.n_stats, 0);
	assert_int_equal(m.version, 0);
	assert_false(m.present);
}

static void test_meminfo_slab_rows(void **state)
{
	struct oom_slab_row r;
	char line[128];

	(void)state;
	memset(&r, 0, sizeof(r));
	/* mm/slab_common.c dump_unreclaimable_slab() header, 4.15+ */
	assert_int_equal(
	    meminfo_parse_slab_row(
		L("Name                      Used          Total"), &r),
	    0);
	assert_string_equal(r.name, "");
	assert_true(r.used_kb == OOM_NA && r.total_kb == OOM_NA);
	/* hand-made with the kernel's "%-17s %10luKB %10luKB" */
	snprintf(line, sizeof(line), "%-17s %10luKB %10luKB", "kmalloc-64",
		 1234UL, 2345UL);
	assert_int_equal(meminfo_parse_slab_row(L(line), &r), 0);
	assert_string_equal(r.name, "kmalloc-64");
	assert_true(r.used_kb == 1234 && r.total_kb == 2345);
	snprintf(line, sizeof(line), "%-17s %10luKB %10luKB",
		 "ext4_inode_cache_big", 4294967296UL, 4294967300UL);
	assert_int_equal(meminfo_parse_slab_row(L(line), &r), 0);
	assert_string_equal(r.name, "ext4_inode_cache_big");
	assert_true(r.used_kb == 4294967296LL && r.total_kb == 4294967300LL);
	assert_int_equal(meminfo_parse_slab_row(L("kmalloc-64 1234 2345"), &r),
			 -1);
	assert_int_equal(
	    meminfo_parse_slab_row(L("Unreclaimable slab info:"), &r), -1);
	assert_string_equal(r.name, "ext4_inode_cache_big");
}

static void test_meminfo_alloc_rows(void **state)
{
	struct oom_alloc_row r;

	(void)state;
	memset(&r, 0, sizeof(r));
	/* manual-oom-dmesg-nixos618.log:57 */
	assert_int_equal(meminfo_parse_alloc_row(
			     L("    1.21 GiB   237476 "
			       "mm/readahead.c:189 func:ractl_alloc_folio"),
			     &r),
			 0);
	assert_true(r.bytes == 1299227607LL); /* 121 * 2^30 / 100 */
	assert_true(r.calls == 237476);
	assert_string_equal(r.where, "mm/readahead.c:189 "
				     "func:ractl_alloc_folio");
	/* ...:59 */
	assert_int_equal(meminfo_parse_alloc_row(
			     L("     707 MiB   169263 "
			       "mm/filemap.c:2024 func:__filemap_get_folio"),
			     &r),
			 0);
	assert_true(r.bytes == 741343232LL); /* 707 * 2^20 */
	/* ...:61, with a module name */
	assert_int_equal(
	    meminfo_parse_alloc_row(
		L("     143 MiB   133249 "
		  "fs/ext4/super.c:1389 [ext4] func:ext4_alloc_inode"),
		&r),
	    0);
	assert_true(r.bytes == 149946368LL && r.calls == 133249);
	assert_string_equal(r.where, "fs/ext4/super.c:1389 [ext4] "
				     "func:ext4_alloc_inode");
	/* ...:63 */
	assert_int_equal(
	    meminfo_parse_alloc_row(L("    81.1 MiB    20757 "
				      "mm/shmem.c:1898 func:shmem_alloc_folio"),
				    &r),
	    0);
	assert_true(r.bytes == 85039513LL); /* 811 * 2^20 / 10 */
	/* hand-made: 6.10 printed raw bytes ("%12lli %8llu %s:%u func:%s") */
	assert_int_equal(
	    meminfo_parse_alloc_row(L("    12345678     1234 "
				      "mm/slub.c:2311 func:alloc_slab_page"),
				    &r),
	    0);
	assert_true(r.bytes == 12345678 && r.calls == 1234);
	/* ...:56, the header, and hand-made near misses */
	assert_int_equal(
	    meminfo_parse_alloc_row(L("Memory allocations "
				      "(profiling is currently turned on):"),
				    &r),
	    -1);
	assert_int_equal(meminfo_parse_alloc_row(L("    1.21 GiB   237476 "
						   "mm/readahead.c func:x"),
						 &r),
			 -1);
	assert_int_equal(meminfo_parse_alloc_row(L("    1.21 QiB   237476 "
						   "mm/readahead.c:189 func:x"),
						 &r),
			 -1);
	assert_int_equal(meminfo_parse_alloc_row(L("    1.21   237476 "
						   "mm/readahead.c:189 func:x"),
						 &r),
			 -1);
	assert_true(r.bytes == 12345678);
}

/* Lines that are none of the kinds above. */
static const char *const foreign[] = {
    /* global-oom-syslog-centos6-codis.log:65, a task-table row */
    ("[  514]     0   514     2729        1   1     -17         "
     "-1000 udevd"),
    /* global-oom-bare-rhel7-oomanalyser.log:9,
     * global-oom-bare-arch61-oomanalyser.log:6 */
    " [<ffffffff816861ac>] dump_stack+0x19/0x1b",
    " dump_stack_lvl+0x48/0x60",
    /* global-oom-syslog-centos6-codis.log:120 */
    ("Out of memory: Kill process 4492 (codis-server) score 941 or "
     "sacrifice child"),
    "Mem-Info:",
    "",
    /* hand-made garbage */
    "\x01\xff:: ?? *kB = = (",
    "Node",
    "Node 0",
    "Node 0 DMA",
    "lowmem_reserve 0 1",
    "= 15908kB",
    "   ",
};

static void check_foreign(const char *s, size_t len)
{
	static struct oom_memcg m, m0;
	struct oom_meminfo mi, mi0;
	struct oom_zone z, z0;
	struct oom_node n, n0;
	struct oom_buddy b, b0;
	struct oom_totals t, t0;
	struct oom_hugepages h, h0;
	struct oom_slab_row sr, sr0;
	struct oom_alloc_row ar, ar0;
	int64_t v[OOM_MAX_LOWMEM], node = 7;
	int cnt = 7, bad = 0;
	uint32_t part = 7;
	size_t used = 7;
	char zone[16] = "zz";

	memset(&mi, 0x5a, sizeof(mi));
	meminfo_zone_init(&z);
	meminfo_node_init(&n);
	memset(&b, 0x5a, sizeof(b));
	memset(&t, 0x5a, sizeof(t));
	memset(&h, 0x5a, sizeof(h));
	memset(&sr, 0x5a, sizeof(sr));
	memset(&ar, 0x5a, sizeof(ar));
	memset(&m, 0, sizeof(m));
	mi0 = mi, z0 = z, n0 = n, b0 = b, t0 = t, h0 = h, sr0 = sr, ar0 = ar;
	m0 = m;
	assert_int_equal(meminfo_parse_counters(s, len, &mi, &bad), -1);
	assert_int_equal(meminfo_parse_zone(s, len, &z, &bad), -1);
	assert_int_equal(meminfo_parse_node(s, len, &n, &bad), -1);
	assert_int_equal(meminfo_parse_lowmem(s, len, v, &cnt), -1);
	assert_int_equal(meminfo_parse_buddy(s, len, &node, zone, &b, &used),
			 -1);
	assert_int_equal(meminfo_parse_hugepages(s, len, &h), -1);
	assert_int_equal(meminfo_parse_totals(s, len, &t, &part), -1);
	assert_int_equal(meminfo_parse_memcg_counter(s, len, &m), -1);
	assert_int_equal(meminfo_parse_memcg_stats_header(s, len, &m), -1);
	assert_int_equal(meminfo_parse_memcg_stat(s, len, &m), -1);
	assert_int_equal(meminfo_parse_slab_row(s, len, &sr), -1);
	assert_int_equal(meminfo_parse_alloc_row(s, len, &ar), -1);
	assert_false(meminfo_is_pcp_line(s, len));
	assert_memory_equal(&mi, &mi0, sizeof(mi));
	assert_memory_equal(&z, &z0, sizeof(z));
	assert_memory_equal(&n, &n0, sizeof(n));
	assert_memory_equal(&b, &b0, sizeof(b));
	assert_memory_equal(&t, &t0, sizeof(t));
	assert_memory_equal(&h, &h0, sizeof(h));
	assert_memory_equal(&sr, &sr0, sizeof(sr));
	assert_memory_equal(&ar, &ar0, sizeof(ar));
	assert_memory_equal(&m, &m0, sizeof(m));
	assert_true(node == 7 && cnt == 7 && part == 7 && used == 7);
	assert_string_equal(zone, "zz");
	assert_int_equal(bad, 0);
}

static void test_meminfo_negative_all_parsers(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(foreign) / sizeof(foreign[0]); i++)
		check_foreign(L(foreign[i]));
}

/* Runs every parser on s[0..len) held in a buffer of exactly len bytes. */
static void run_all(const char *s, size_t len)
{
	static struct oom_memcg m;
	char *buf = malloc(len ? len : 1);
	struct oom_meminfo mi;
	struct oom_zone z;
	struct oom_node n;
	struct oom_totals t;
	struct oom_hugepages h;
	struct oom_slab_row sr;
	struct oom_alloc_row ar;
	int64_t v[OOM_MAX_LOWMEM], node;
	int cnt, bad = 0;
	uint32_t part;
	size_t used;
	char zone[16];

	assert_non_null(buf);
	memcpy(buf, s, len);
	memset(&m, 0, sizeof(m));
	meminfo_zone_init(&z);
	meminfo_node_init(&n);
	(void)meminfo_parse_counters(buf, len, &mi, &bad);
	(void)meminfo_parse_zone(buf, len, &z, &bad);
	(void)meminfo_parse_node(buf, len, &n, &bad);
	(void)meminfo_parse_lowmem(buf, len, v, &cnt);
	if (meminfo_parse_buddy(buf, len, &node, zone, &z.buddy, &used) == 0)
		assert_true(used <= len);
	(void)meminfo_parse_hugepages(buf, len, &h);
	(void)meminfo_parse_totals(buf, len, &t, &part);
	(void)meminfo_parse_memcg_counter(buf, len, &m);
	(void)meminfo_parse_memcg_stats_header(buf, len, &m);
	(void)meminfo_parse_memcg_stat(buf, len, &m);
	(void)meminfo_parse_slab_row(buf, len, &sr);
	(void)meminfo_parse_alloc_row(buf, len, &ar);
	(void)meminfo_is_pcp_line(buf, len);
	free(buf);
}

static void test_meminfo_every_prefix_stays_in_bounds(void **state)
{
	static const char *const lines[] = {
	    codis_normal,
	    nginx_normal,
	    arch_node,
	    nixos_node,
	    nginx_buddy_joined,
	    "lowmem_reserve[]: 0 3000 18150 18150",
	    "Free swap  = 0kB",
	    "Swap cache stats: add 0, delete 0, find 0/0",
	    "memory: usage 65536kB, limit 65536kB, failcnt 22",
	    "Memory cgroup stats for /a: b:c: cache:0KB rss:4KB",
	    "rss 66916352",
	    "    81.1 MiB    20757 mm/shmem.c:1898 func:x",
	    ("Node 0 hugepages_total=0 hugepages_free=0 "
	     "hugepages_surp=0 hugepages_size=2048kB"),
	    "CPU    0: hi:    0, btch:   1 usd:   0",
	};
	size_t i, k;

	(void)state;
	/* ASan reports any read past len: each buffer has exactly len bytes */
	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++)
		for (k = 0; k <= strlen(lines[i]); k++)
			run_all(lines[i], k);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_meminfo_zone_init_all_na),
	    cmocka_unit_test(test_meminfo_zone_2_6_32_codis),
	    cmocka_unit_test(test_meminfo_zone_3_10_rhel7),
	    cmocka_unit_test(test_meminfo_zone_3_13_nginx_scanned_blank),
	    cmocka_unit_test(test_meminfo_zone_4_18_rhel8),
	    cmocka_unit_test(test_meminfo_zone_5_13_ubuntu2110),
	    cmocka_unit_test(test_meminfo_zone_6_1_arch),
	    cmocka_unit_test(test_meminfo_zone_6_18_nixos),
	    cmocka_unit_test(test_meminfo_zone_non_numa_and_strict_name),
	    cmocka_unit_test(test_meminfo_zone_bad_values_counted),
	    cmocka_unit_test(test_meminfo_lowmem),
	    cmocka_unit_test(test_meminfo_buddy_plain_codis),
	    cmocka_unit_test(test_meminfo_buddy_types_nixos),
	    cmocka_unit_test(test_meminfo_buddy_nginx_joined_two_calls),
	    cmocka_unit_test(test_meminfo_buddy_64k_pages),
	    cmocka_unit_test(test_meminfo_buddy_non_numa_and_cut),
	    cmocka_unit_test(test_meminfo_node_arch_6_1),
	    cmocka_unit_test(test_meminfo_node_nixos_6_18),
	    cmocka_unit_test(test_meminfo_counters_2_6_32),
	    cmocka_unit_test(test_meminfo_counters_rhel7_split),
	    cmocka_unit_test(test_meminfo_counters_6_18),
	    cmocka_unit_test(test_meminfo_counters_not_claimed),
	    cmocka_unit_test(test_meminfo_pcp_lines),
	    cmocka_unit_test(test_meminfo_hugepages),
	    cmocka_unit_test(test_meminfo_totals_codis),
	    cmocka_unit_test(test_meminfo_totals_nixos_and_others),
	    cmocka_unit_test(test_meminfo_memcg_counters),
	    cmocka_unit_test(test_meminfo_memcg_stats_v1_capture),
	    cmocka_unit_test(test_meminfo_memcg_stats_v2_proxmox),
	    cmocka_unit_test(test_meminfo_memcg_stats_neutral_keys),
	    cmocka_unit_test(test_meminfo_memcg_oneliner_kb),
	    cmocka_unit_test(test_meminfo_memcg_path_spaces_colons),
	    cmocka_unit_test(test_meminfo_memcg_path_too_long),
	    cmocka_unit_test(test_meminfo_memcg_stat_cap),
	    cmocka_unit_test(test_meminfo_memcg_stat_rejects),
	    cmocka_unit_test(test_meminfo_slab_rows),
	    cmocka_unit_test(test_meminfo_alloc_rows),
	    cmocka_unit_test(test_meminfo_negative_all_parsers),
	    cmocka_unit_test(test_meminfo_every_prefix_stays_in_bounds),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
