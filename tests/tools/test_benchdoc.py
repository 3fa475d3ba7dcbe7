"""Tests of tools/benchdoc.py: per-board sections of docs/benchmarks.md, the
figures' data files and the side-by-side table made from them.

Run from the repository root: /usr/bin/python3 -m unittest tests.tools.test_benchdoc
"""

import io
import json
import os
import re
import sys
import tempfile
import unittest
from contextlib import redirect_stderr, redirect_stdout

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(REPO, "tools"))

import benchdoc  # noqa: E402

DOC = "# Benchmarks\n\nIntro.\n\n## Tick core, native (versatilepb)\n\nvpb figures\n\n" \
      "## Trace and probe pins\n\nhand-written\n"


def section(title, body):
    return f"## {title}\n\n{body}\n"


class Sections(unittest.TestCase):
    def test_board_section_refreshes_only_its_board(self):
        text = benchdoc.replace_section(DOC, "Tick core, native (raspi0)",
                                        section("Tick core, native (raspi0)", "pi figures"))
        text = benchdoc.replace_section(text, "Tick core, native (versatilepb)",
                                        section("Tick core, native (versatilepb)", "new vpb"))
        self.assertIn("new vpb", text)
        self.assertNotIn("vpb figures", text)
        self.assertIn("pi figures", text)
        self.assertIn("hand-written", text)
        self.assertEqual(text.count("## Tick core, native (raspi0)"), 1)

    def test_new_board_goes_beside_its_part_in_board_order(self):
        text = benchdoc.replace_section(DOC, "Tick core, native (vexpress-a9)",
                                        section("Tick core, native (vexpress-a9)", "a9"))
        text = benchdoc.replace_section(text, "Tick core, native (raspi0)",
                                        section("Tick core, native (raspi0)", "pi"))
        heads = [line for line in text.splitlines() if line.startswith("## ")]
        self.assertEqual(heads, ["## Tick core, native (versatilepb)",
                                 "## Tick core, native (raspi0)",
                                 "## Tick core, native (vexpress-a9)",
                                 "## Trace and probe pins"])

    def test_section_of_a_new_part_is_appended(self):
        text = benchdoc.replace_section(DOC, "Hostile partitions (raspi0)",
                                        section("Hostile partitions (raspi0)", "h"))
        self.assertTrue(text.rstrip().endswith("## Hostile partitions (raspi0)\n\nh"))


class Boards(unittest.TestCase):
    def test_counter_rates_from_board_data(self):
        rates = {b: benchdoc.board_info(b)["counter_hz"]
                 for b in ("versatilepb", "raspi0", "raspi1ap", "vexpress-a9")}
        self.assertEqual(rates, {"versatilepb": 24000000, "raspi0": 1000000,
                                 "raspi1ap": 1000000, "vexpress-a9": 100000000})
        self.assertEqual(benchdoc.counter_text(benchdoc.board_info("versatilepb")),
                         "the 24 MHz counter (41.7 ns steps)")
        self.assertFalse(benchdoc.fine_counter(benchdoc.board_info("raspi0")))
        self.assertEqual(benchdoc.board_info("raspi1ap")["pk_space"], "asid")

    def test_unknown_board_is_a_doc_error(self):
        with self.assertRaisesRegex(benchdoc.DocError, "unknown board 'nosuch'"):
            benchdoc.board_info("nosuch")


class SideBySide(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.data = os.path.join(self.tmp.name, "bench")
        self.doc = os.path.join(self.tmp.name, "benchmarks.md")
        with open(self.doc, "w", encoding="utf-8") as f:
            f.write(DOC)

    def tearDown(self):
        self.tmp.cleanup()

    def test_columns_are_boards_and_missing_figures_have_a_footnote(self):
        benchdoc.save_figures("versatilepb", "native", {"yield_switch": 282.0},
                              data_dir=self.data)
        benchdoc.save_figures("raspi0", "native", {"yield_switch": 282.0, "tick": None},
                              {"tick": "counter too coarse"}, data_dir=self.data)
        text = benchdoc.side_by_side(benchdoc.load_figures(self.data))
        self.assertIn("| figure | `versatilepb` | `raspi0` |", text)
        row = next(line for line in text.splitlines()
                   if line.startswith("| task-to-task switch by yield |"))
        self.assertEqual(row, "| task-to-task switch by yield | 282 | 282 |")
        tick = next(line for line in text.splitlines()
                    if line.startswith("| tick interrupt"))
        cells = [c.strip() for c in tick.split("|")[2:4]]
        self.assertTrue(all(c.startswith("-") for c in cells), tick)
        self.assertIn("raspi0: counter too coarse", text)
        self.assertIn("`tools/bench_pk.py` has not been run on raspi0", text)

    def test_boards_sharing_a_reason_share_a_footnote(self):
        for b in ("raspi0", "vexpress-a9"):
            benchdoc.save_figures(b, "switch", {"n7": None}, {"n7": "domains boards only"},
                                  data_dir=self.data)
        text = benchdoc.side_by_side(benchdoc.load_figures(self.data))
        row = next(line for line in text.splitlines() if line.startswith("| 7 partitions"))
        marks = re.findall(r"\[(\d+)\]", row)
        self.assertEqual(len(marks), 2, row)
        self.assertEqual(marks[0], marks[1], row)
        self.assertIn(f"[{marks[0]}] raspi0, vexpress-a9: domains boards only", text)

    def test_figures_are_formatted_by_their_unit(self):
        benchdoc.save_figures("raspi0", "pk", {"svc_time": 97.6, "overhead_pct": 0.26,
                                               "text_bytes": 24791}, data_dir=self.data)
        benchdoc.save_figures("raspi0", "vit", {"work_vit_pct": -0.001, "hog_vit_ratio": 1.00921},
                              data_dir=self.data)
        rows = {line.split(" | ")[0][2:]: line.split(" | ")[1].rstrip(" |")
                for line in benchdoc.side_by_side(benchdoc.load_figures(self.data)).splitlines()
                if line.startswith("| ") and " | " in line}
        self.assertEqual(rows["service-call round trip (`PK_SVC_TIME_GET`)"], "98")
        self.assertEqual(rows["matrix workload in a partition vs native (%)"], "0.26")
        self.assertEqual(rows["text size of `partitions/` (bytes)"], "24 791")
        self.assertEqual(rows["matrix T_latency(work), BVT + VIT vs 1 partition (%)"], "0.00")
        self.assertEqual(rows["hog job time, BVT + VIT ÷ plain BVT"], "1.0092")

    def test_update_writes_section_data_and_table(self):
        benchdoc.update("raspi0", "native", "Tick core, native (raspi0)",
                        section("Tick core, native (raspi0)", "pi"), {"yield_switch": 290.0},
                        path=self.doc, data_dir=self.data)
        with open(os.path.join(self.data, "raspi0", "native.json"), encoding="utf-8") as f:
            self.assertEqual(json.load(f)["figures"], {"yield_switch": 290.0})
        with open(self.doc, encoding="utf-8") as f:
            text = f.read()
        heads = [line for line in text.splitlines() if line.startswith("## ")]
        self.assertEqual(heads[0], "## Side by side")
        self.assertIn("| task-to-task switch by yield | 290 |", text)
        self.assertIn("vpb figures", text)
        # Regenerating replaces the table, not adds one.
        benchdoc.write_side_by_side(self.doc, self.data)
        with open(self.doc, encoding="utf-8") as f:
            self.assertEqual(f.read().count("## Side by side"), 1)

    def test_switch_section_becomes_data(self):
        body = ("`make bench BOARD=raspi0` ...\n\n| partitions | iterations in 0.5 s | per "
                "partition | ns per iteration | instructions |\n|---:|---:|---:|---:|---:|\n"
                "| 2 | 195293 | 96583..98710 | 2560 | 640 |\n"
                "| 8 | 150000 | 18000..19000 | 3333 | 833 |\n")
        with open(self.doc, "a", encoding="utf-8") as f:
            f.write("\n" + section("Partition switch by partition count (raspi0)", body))
        benchdoc.save_switch("raspi0", self.doc, self.data)
        with open(os.path.join(self.data, "raspi0", "switch.json"), encoding="utf-8") as f:
            doc = json.load(f)
        self.assertEqual(doc["figures"], {"n2": 640, "n8": 833, "n7": None, "n32": None})
        self.assertIn("n7", doc["notes"])

    def test_malformed_input_is_a_message_not_a_traceback(self):
        with open(self.doc, "a", encoding="utf-8") as f:
            f.write("\n## Partition switch by partition count (raspi0)\n\nno table\n")
        err = io.StringIO()
        with redirect_stderr(err), redirect_stdout(io.StringIO()):
            status = benchdoc.main(["switch-data", "--board", "raspi0", "--doc", self.doc,
                                    "--data", self.data])
        self.assertEqual(status, 1)
        self.assertIn("has no table rows", err.getvalue())
        os.makedirs(os.path.join(self.data, "raspi0"))
        with open(os.path.join(self.data, "raspi0", "pk.json"), "w", encoding="utf-8") as f:
            f.write("{not json")
        err = io.StringIO()
        with redirect_stderr(err), redirect_stdout(io.StringIO()):
            status = benchdoc.main(["side-by-side", "--doc", self.doc, "--data", self.data])
        self.assertEqual(status, 1)
        self.assertIn("pk.json: not readable as JSON", err.getvalue())


if __name__ == "__main__":
    unittest.main()
