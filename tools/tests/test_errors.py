"""Tests of how the grader reads JJava's error outputs (tools/grading/errors.py); no kernel needed."""
import os
import sys
import unittest
from unittest import mock
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import grading  # noqa: E402


class DescribeError(unittest.TestCase):

    def test_compile_error(self):
        e = grading.describe_error({"ename": "CompilationException", "evalue": "x", "traceback": [
            "\x1b[1m|   int g() { return \x1b[41m\"s\"\x1b[0m; }", "\x1b[31mincompatible types\x1b[0m", ""]})
        self.assertEqual("compile", e.kind)
        self.assertEqual('does not compile: column 18: incompatible types\n'
                         '    int g() { return "s"; }\n'
                         '                     ^^^', e.message)
        located = grading.errors.compile_message(e.compile_errors, 'int y = 1;\nint g() { return "s"; }')
        self.assertEqual("does not compile: line 2, column 18: incompatible types", located.split("\n")[0])

    def test_every_compile_error_once_with_its_whole_text(self):
        e = grading.describe_error({"ename": "CompilationException", "evalue": "x", "traceback": [
            "\x1b[1m|   \x1b[1m    int x = \x1b[41m\"a\"\x1b[0m;", "\x1b[31mincompatible types\x1b[0m", "",
            "\x1b[1m|   \x1b[1m    return y + \x1b[41mq\x1b[0m;", "\x1b[31mcannot find symbol\x1b[0m",
            "\x1b[31m  symbol:   variable q\x1b[0m", ""]})
        source = 'double f(double b) {\n    double y = b;\n    int x = "a";\n    return y + q;\n}'
        message = grading.errors.compile_message(e.compile_errors, source)
        self.assertEqual('does not compile (2 errors): line 3, column 13: incompatible types\n'
                         '        int x = "a";\n'
                         '                ^^^\n'
                         'line 4, column 16: cannot find symbol\n'
                         '  symbol:   variable q\n'
                         '        return y + q;\n'
                         '                   ^', message)
        self.assertEqual(1, message.count("cannot find symbol"))

    def test_check_failure(self):
        e = grading.describe_error({"ename": "RuntimeException", "evalue": "x", "traceback": [
            "\x1b[31mdeepnets.check.CheckFailure: a: expected 1 but got 2\nHint: h\x1b[0m",
            "\tat deepnets.check.Check.failure(Check.java:335)"]})
        self.assertEqual(("check", "a: expected 1 but got 2\nHint: h"), (e.kind, e.message))

    def test_unresolved_reference(self):
        e = grading.describe_error({"ename": "RuntimeException", "evalue": "x", "traceback": [
            "|   java.lang.RuntimeException: jdk.jshell.UnresolvedReferenceException: Attempt to use definition "
            "snippet with unresolved references in MethodSnippet:f/()int-int f() { return y; }"]})
        self.assertEqual("unresolved", e.kind)
        self.assertIn("in: int f() { return y; }", e.message)

    def test_out_of_memory_names_the_heap_and_the_cause(self):
        output = {"ename": "RuntimeException", "evalue": "x", "traceback": [
            "java.lang.OutOfMemoryError: Java heap space", "\tat .logUniform(#12:3)"]}
        with mock.patch.dict(os.environ, {grading.errors.HEAP_VARIABLE: "384"}):
            e = grading.describe_error(output)
        self.assertEqual("exception", e.kind)
        self.assertTrue(e.message.startswith("your code ran out of memory (Java heap, 384 MiB): "
                                             "java.lang.OutOfMemoryError: Java heap space. "), e.message)
        self.assertIn("in logUniform, line 3", e.message)
        with mock.patch.dict(os.environ, {grading.errors.HEAP_VARIABLE: ""}):
            self.assertIn("ran out of memory (Java heap): ", grading.describe_error(output).message)
        other = grading.describe_error({"ename": "RuntimeException", "evalue": "x", "traceback": [
            "java.lang.OutOfMemoryError: Metaspace"]})
        self.assertEqual("your code ran out of memory: java.lang.OutOfMemoryError: Metaspace", other.message)


if __name__ == "__main__":
    unittest.main()
