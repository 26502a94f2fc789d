package main

import "testing"

func TestUnifiedDiff(t *testing.T) {
	for _, test := range []struct{ old, new, want string }{
		{"a\nb\n", "a\nb\n", ""},
		{"a\nb\nc\n", "a\nB\nc\n", "--- f\n+++ f\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n"},
		{"a\n", "a\nb\n", "--- f\n+++ f\n@@ -1 +1,2 @@\n a\n+b\n"},
		{"", "x\n", "--- f\n+++ f\n@@ -0,0 +1 @@\n+x\n"},
		{"a", "b", "--- f\n+++ f\n@@ -1 +1 @@\n-a\n\\ No newline at end of file\n+b\n\\ No newline at end of file\n"},
		// Two changes far apart make two hunks; close ones share one.
		{
			"1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n",
			"one\n2\n3\n4\n5\n6\n7\n8\n9\nten\n",
			"--- f\n+++ f\n@@ -1,4 +1,4 @@\n-1\n+one\n 2\n 3\n 4\n@@ -7,4 +7,4 @@\n 7\n 8\n 9\n-10\n+ten\n",
		},
		{
			"1\n2\n3\n4\n5\n",
			"one\n2\n3\n4\nfive\n",
			"--- f\n+++ f\n@@ -1,5 +1,5 @@\n-1\n+one\n 2\n 3\n 4\n-5\n+five\n",
		},
	} {
		if got := unifiedDiff("f", []byte(test.old), []byte(test.new)); got != test.want {
			t.Errorf("unifiedDiff(%q, %q) =\n%s\nwant:\n%s", test.old, test.new, got, test.want)
		}
	}
}
