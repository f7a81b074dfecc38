package report

import (
	"unicode/utf8"

	"github.com/owenrumney/go-sarif/v2/sarif"

	"github.com/configward/configward/analyzer"
)

// addFixes adds the finding's fix as a SARIF fix: one artifactChange per
// file, each edit a replacement whose deletedRegion gives both the byte
// range and its lines and columns (an insertion is an empty region).
func addFixes(res *sarif.Result, f *analyzer.Finding, in *Input) {
	if f.Fix == nil || f.Suppressed() || in.Fixes == nil || in.unmasked == nil {
		return
	}
	edits := in.Fixes(f)
	if len(edits) == 0 {
		return
	}
	sf := sarif.NewFix().WithDescriptionText(f.Fix.Description)
	var change *sarif.ArtifactChange
	last := ""
	for _, e := range edits {
		src := in.unmasked(e.File)
		if change == nil || e.File != last {
			name := e.File
			if in.RepoPath != nil {
				name = in.RepoPath(name)
			}
			change = sarif.NewArtifactChange(sarif.NewSimpleArtifactLocation(uriOf(name)).WithUriBaseId(srcRoot))
			sf.AddArtifactChanges(change)
			last = e.File
		}
		sl, sc := lineCol(src, e.Start)
		el, ec := lineCol(src, e.End)
		region := sarif.NewRegion().WithByteOffset(e.Start).WithByteLength(e.End - e.Start).
			WithStartLine(sl).WithStartColumn(sc).WithEndLine(el).WithEndColumn(ec)
		change.WithReplacement(sarif.NewReplacement(region).WithInsertedContent(sarif.NewArtifactContent().WithText(e.Text)))
	}
	res.Fixes = append(res.Fixes, sf)
}

// lineCol is the 1-based line and column (in Unicode code points, the
// run's columnKind) of a byte offset.
func lineCol(src []byte, off int) (line, col int) {
	line, start := 1, 0
	for i := 0; i < off && i < len(src); i++ {
		if src[i] == '\n' {
			line++
			start = i + 1
		}
	}
	return line, utf8.RuneCount(src[start:min(off, len(src))]) + 1
}
