package report

import "testing"

func TestSourceLineEnds(t *testing.T) {
	src := []byte("\xEF\xBB\xBFone\r\ntwo\rthree\nfour")
	for n, want := range map[int]string{1: "one", 2: "two", 3: "three", 4: "four"} {
		if got, ok := sourceLine(src, n); !ok || got != want {
			t.Errorf("line %d = %q %v, want %q", n, got, ok, want)
		}
	}
	if _, ok := sourceLine(src, 5); ok {
		t.Error("line 5 does not exist")
	}
}
