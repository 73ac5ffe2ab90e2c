"""Prints PIT's mutation score per package and fails when a package is under its goal.

Goals (issue 16): 85 % of mutants killed in metering and the pool, 75 % elsewhere. A mutant counts
as killed when PIT detected it (KILLED, TIMED_OUT, MEMORY_ERROR, RUN_ERROR); SURVIVED and
NO_COVERAGE count against the score. Reports that do not exist (a module not run) are skipped.
"""
import collections
import os
import sys
import xml.etree.ElementTree as ET


def goal(package):
    if package.startswith(("io.rigshift.runner.metering", "io.rigshift.runner.pool")):
        return 85
    return 75


def main(paths):
    counts = collections.defaultdict(lambda: [0, 0])
    survivors = collections.defaultdict(list)
    for path in paths:
        if not os.path.exists(path):
            continue
        for m in ET.parse(path).getroot().iter("mutation"):
            cls = m.findtext("mutatedClass")
            package = cls.rsplit(".", 1)[0]
            counts[package][1] += 1
            if m.get("detected") == "true":
                counts[package][0] += 1
            else:
                survivors[package].append("%s:%s %s (%s)" % (
                    m.findtext("sourceFile"), m.findtext("lineNumber"),
                    m.findtext("description"), m.get("status")))
    if not counts:
        print("no PIT report found in: " + ", ".join(paths), file=sys.stderr)
        return 2
    below = 0
    print("%-40s %8s %8s %7s %5s" % ("PACKAGE", "KILLED", "MUTANTS", "SCORE", "GOAL"))
    for package in sorted(counts):
        killed, total = counts[package]
        # Integer arithmetic: a package meets its goal when killed * 100 >= goal * total.
        ok = killed * 100 >= goal(package) * total
        below += 0 if ok else 1
        print("%-40s %8d %8d %6.1f%% %4d%%%s" % (
            package, killed, total, 100.0 * killed / total, goal(package), "" if ok else "  BELOW"))
    if os.environ.get("PIT_SURVIVORS"):
        for package in sorted(survivors):
            for line in survivors[package]:
                print("  survived %s: %s" % (package, line))
    return 1 if below else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
