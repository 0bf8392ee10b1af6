"""Print one line per JUnit report written by tools/test.sh, then the totals.

python tools/junit_summary.py test-artifacts/junit-*.xml
"""

import sys
import xml.etree.ElementTree as ET
from pathlib import Path


def counts(report):
    suite = ET.parse(report).getroot()
    if suite.tag == "testsuites":
        suite = suite.find("testsuite")
    tests, skipped = int(suite.get("tests", 0)), int(suite.get("skipped", 0))
    failed = int(suite.get("failures", 0)) + int(suite.get("errors", 0))
    return suite.get("name", Path(report).stem), tests - skipped - failed, failed, skipped


def line(label, passed, failed, skipped):
    return f"{label}: {passed} passed, {failed} failed, {skipped} skipped"


def main(reports):
    totals = [0, 0, 0]
    for report in reports:
        if not Path(report).exists():
            continue
        name, *numbers = counts(report)
        print(line(name, *numbers))
        totals = [total + n for total, n in zip(totals, numbers)]
    print(line("total", *totals))


if __name__ == "__main__":
    main(sys.argv[1:])
