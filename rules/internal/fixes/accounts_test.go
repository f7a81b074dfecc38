package fixes

import (
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/configward/configward/parsers/model"
)

func TestLogsPrefixesOneAccount(t *testing.T) {
	for text, want := range map[string]bool{
		"arn:aws:s3:::b": true,
		"arn:aws:s3:::b/AWSLogs/111122223333/Config/*":             true,
		`!Sub "${B.Arn}/AWSLogs/${AWS::AccountId}/*"`:              true,
		`"${aws_s3_bucket.b.arn}/AWSLogs/${data.aws_caller_ide...`: true,
		`"${aws_s3_bucket.b.arn}/AWSLogs/${da...`:                  false,
		"arn:aws:s3:::b/AWSLogs/*":                                 false,
		"arn:aws:s3:::b/AWSLogs/o-a1b2c3d4e5/*":                    false,
		"arn:aws:s3:::b/AWSLogs/1111222233334/*":                   false,
		`"${aws_s3_bucket.b.arn}/AWSLogs/${var.account}/*"`:        false,
		"b/AWSLogs/111122223333/x b/AWSLogs/*":                     false,
	} {
		if got := logsPrefixesOneAccount(text); got != want {
			t.Errorf("logsPrefixesOneAccount(%q) = %v, want %v", text, got, want)
		}
	}
}

// TestEachAccountIDAgreesWithDigitRuns: eachAccountID finds, in order,
// the runs of digits that are exactly twelve long (FindAllString of
// [0-9]+, which takes each run whole), on every string of up to 8 pieces
// drawn from digit runs and separators (multi-byte and invalid UTF-8
// among them), ids one character apart included; and isAccountAt answers
// as ^[0-9]{12}([^0-9]|$).
func TestEachAccountIDAgreesWithDigitRuns(t *testing.T) {
	runs := regexp.MustCompile(`[0-9]+`)
	leading := regexp.MustCompile(`^[0-9]{12}([^0-9]|$)`)
	pieces := []string{"123456789012", "12345678901", "1234567890123", "0", "x", ":", "/", "é", "\xff", "\xe2\x80", "日", "AWSLogs/", ""}
	rng := rand.New(rand.NewPCG(15, 12))
	for range 200000 {
		var b strings.Builder
		for range rng.IntN(9) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		text := b.String()
		var want, got []string
		for _, m := range runs.FindAllString(text, -1) {
			if len(m) == 12 {
				want = append(want, m)
			}
		}
		eachAccountID(text, func(id string) { got = append(got, id) })
		if !slices.Equal(got, want) {
			t.Fatalf("eachAccountID(%q) = %q, the digit runs of twelve are %q", text, got, want)
		}
		if got, want := isAccountAt(text, 0), leading.MatchString(text); got != want {
			t.Fatalf("isAccountAt(%q, 0) = %v, the pattern says %v", text, got, want)
		}
	}
}

// TestEachAccountIDOneCharacterApart: ids separated by one character are
// each seen (the search used to take the separator with the first id), and
// so a policy naming a second account that way is not read as naming one.
func TestEachAccountIDOneCharacterApart(t *testing.T) {
	for text, want := range map[string][]string{
		"111111111111/222222222222":              {"111111111111", "222222222222"},
		"111111111111x222222222222y333333333333": {"111111111111", "222222222222", "333333333333"},
		"111111111111é222222222222":              {"111111111111", "222222222222"},
		"arn:aws:iam::111111111111:root":         {"111111111111"},
		"1111111111112/222222222222":             {"222222222222"},
	} {
		var got []string
		eachAccountID(text, func(id string) { got = append(got, id) })
		if !slices.Equal(got, want) {
			t.Errorf("eachAccountID(%q) = %q, want %q", text, got, want)
		}
	}
	p := &model.Policy{Statements: []*model.Statement{{
		Resource:   []*model.Elem{{Known: true, Text: "arn:aws:s3:::logs/AWSLogs/111111111111/222222222222/*"}},
		Conditions: []*model.Condition{{KeyFolded: "aws:sourceaccount", Values: []*model.Elem{{Known: true, Text: "111111111111"}}}},
	}}}
	if id, other := PolicyAccount(p); id != "" || !other {
		t.Errorf("PolicyAccount of a policy naming 111111111111 and 222222222222 = %q, %v; want another account", id, other)
	}
}

// TestPolicyAccountAllocations: reading the accounts of a policy compiles
// nothing and allocates only its sets.
func TestPolicyAccountAllocations(t *testing.T) {
	p := &model.Policy{Statements: []*model.Statement{{
		Resource:   []*model.Elem{{Known: true, Text: "arn:aws:s3:::logs/AWSLogs/123456789012/Config/*"}},
		Conditions: []*model.Condition{{KeyFolded: "aws:sourceaccount", Values: []*model.Elem{{Known: true, Text: "123456789012"}}}},
	}}}
	if id, other := PolicyAccount(p); id != "123456789012" || other {
		t.Fatalf("PolicyAccount = %q, %v", id, other)
	}
	if n := testing.AllocsPerRun(20, func() { PolicyAccount(p) }); n > 4 {
		t.Errorf("PolicyAccount allocates %.0f times, want at most 4 (its two sets)", n)
	}
}
