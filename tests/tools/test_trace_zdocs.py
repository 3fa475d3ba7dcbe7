"""The example outputs in the docs are what their commands print now.

tools/docs_examples.py check regenerates every marked example of README.md
and docs/*.md (README.md: the demo's console over its first 6 s;
docs/measuring.md: the jitter reports of `make trace SYSTEM=trace-periodic`
and of the VIT benchmark's `matrix-vit`, the offset of the two time bases,
and the figure docs/img/trace-periodic-jitter.svg) and fails, with a diff,
where a doc differs; `tools/docs_examples.py update` rewrites them.

The measuring.md examples read the artefacts of `make trace` runs. This
file's name sorts after test_trace_e2e.py and test_trace_vit.py, whose
`make trace` runs of the same systems leave those artefacts in a test run
(`make test` runs the tool tests in name order); run alone, it makes the
runs it lacks itself. The demo's console needs a build of its own
(build/docs, with RUN_MS): about 25 s of wall time on a clean tree, a few
seconds once built.

Run from the repository root: /usr/bin/python3 -m unittest tests.tools.test_trace_zdocs
"""

import os
import shutil
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import testproc  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
HAVE_TOOLS = all(shutil.which(t) for t in
                 ("arm-none-eabi-gcc", "qemu-system-arm", "gcc"))


@unittest.skipUnless(HAVE_TOOLS, "needs arm-none-eabi-gcc, qemu-system-arm "
                     "and gcc")
class DocsExamples(unittest.TestCase):
    def test_examples_are_current(self):
        p = testproc.run(["/usr/bin/python3", "tools/docs_examples.py",
                          "check"], cwd=ROOT, timeout=900, text=True)
        self.assertEqual(p.returncode, 0, p.stdout[-6000:] + p.stderr[-3000:])
        self.assertIn("examples in README.md, docs/measuring.md are current",
                      p.stdout)


if __name__ == "__main__":
    unittest.main()
