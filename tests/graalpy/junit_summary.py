"""Per-file results from a pytest JUnit XML file.

    python junit_summary.py RESULTS.xml MODE

Prints one tab-separated line per test file: mode, file, result (pass or
fail), passed, failed, skipped, and the first failing test with the first
line of its message.
"""

import sys
import xml.etree.ElementTree as ET


def main(path, mode):
    files = {}
    for case in ET.parse(path).getroot().iter("testcase"):
        name = case.get("classname", "").split(".")[-1] or "?"
        entry = files.setdefault(name, {"passed": 0, "failed": 0, "skipped": 0, "first": ""})
        problem = case.find("failure")
        if problem is None:
            problem = case.find("error")
        if problem is not None:
            entry["failed"] += 1
            if not entry["first"]:
                message = (problem.get("message") or "").splitlines()
                entry["first"] = f"{case.get('name')}: {message[0] if message else ''}"[:300]
        elif case.find("skipped") is not None:
            entry["skipped"] += 1
        else:
            entry["passed"] += 1
    for name in sorted(files):
        e = files[name]
        result = "fail" if e["failed"] else "pass"
        print(f"{mode}\t{name}\t{result}\t{e['passed']}\t{e['failed']}\t{e['skipped']}\t{e['first']}")


if __name__ == "__main__":
    main(*sys.argv[1:3])
