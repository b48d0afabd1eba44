package text

import (
	"bytes"
	"errors"
	"os"
	"testing"

	"loa/internal/document"
	"loa/internal/document/recognise/recognisetest"
)

// FuzzReadText checks that Read never panics, refuses only with an InputError, and
// that what it reads is stable: written out and read again, it is the same document.
func FuzzReadText(f *testing.F) {
	if b, err := os.ReadFile(samplePath); err == nil {
		f.Add(b)
	}
	var rich bytes.Buffer
	Write(&rich, recognisetest.Rich())
	f.Add(rich.Bytes())
	for _, s := range []string{
		"", "\n\n", "Số:\nKẾ HOẠCH\n", "TT\tA\tB\n1\tx\ty\n\nTT\tA\tB\n\tz\t\n", "GIÁM ĐỐC\nNơi nhận:\n- A;\nB C\n",
		"I. A\n1. b\na) c\nđ) d\n- e\n+ f\ng h\n", "Ti\xd5ng Vi\xd6t", "Vieät Nam\n", "\xff\xfeA\x00", "PHỤ LỤC\nX\nY\n",
		"Kính gửi:\n- A;\n- B.\nCăn cứ x;\ny\n", "a\tb\n", "1.\tText\n", "\tcó)\t\t\t\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		d, err := Read(bytes.NewReader(in))
		if err != nil {
			var ie *document.InputError
			if !errors.As(err, &ie) || d != nil {
				t.Fatalf("refusal is not a plain InputError: %v, %v", d, err)
			}
			return
		}
		var out bytes.Buffer
		if err := Write(&out, d); err != nil {
			t.Fatal(err)
		}
		again, err := Read(bytes.NewReader(out.Bytes()))
		if err != nil {
			t.Fatalf("cannot read what Write wrote: %v\n%s", err, out.String())
		}
		if diff := recognisetest.Diff(d, again); diff != "" {
			t.Fatalf("not stable: %s\n--- input ---\n%q\n--- written ---\n%s", diff, in, out.String())
		}
	})
}
