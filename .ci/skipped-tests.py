"""Fails CI when a test was skipped that CI is meant to run.

.ci/run installs every tool the tests look for (python3-torch, promtool, chromium, playwright-core,
PostgreSQL), so a test that skips itself there (an assumption on a missing tool) is a test CI
claims and does not run. Only the benchmarks gated by -Drigshift.benchmark=true may skip. Prints
how many tests ran per module.
"""
import glob
import sys
import xml.etree.ElementTree as ET

ALLOWED = "rigshift.benchmark"


def main(modules):
    bad = []
    for module in modules:
        reports = sorted(glob.glob(module + "/target/surefire-reports/TEST-*.xml"))
        ran = skipped = 0
        for report in reports:
            for case in ET.parse(report).getroot().iter("testcase"):
                skip = case.find("skipped")
                if skip is None:
                    ran += 1
                    continue
                skipped += 1
                reason = (skip.get("message") or "") + (skip.text or "")
                if ALLOWED not in reason:
                    bad.append("%s.%s: %s" % (case.get("classname"), case.get("name"), reason.strip() or "no reason"))
        if not reports:
            bad.append(module + ": no Surefire reports (did its tests run?)")
        print("%s: %d test classes, %d tests ran, %d skipped (benchmarks gated by -D%s=true)"
              % (module, len(reports), ran, skipped, ALLOWED))
    for line in bad:
        print("skipped in CI: " + line, file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["datasets", "jobs", "runner"]))
