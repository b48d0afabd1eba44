package recognise

import (
	"loa/internal/document"
)

// blocks turns parts [i, end) into body blocks.
func (r *reader) blocks(i, end int) []document.Block {
	var out []document.Block
	for ; i < end; i++ {
		if t := r.parts[i].Table; t != nil {
			out = append(out, document.Block{Kind: document.KindTable, Table: t})
			continue
		}
		if r.skippable(i) {
			continue
		}
		out = append(out, classify(r.paras[i].runs))
	}
	return out
}

// classify makes one block of a paragraph: a labelled heading, a bullet or plain text.
func classify(runs []document.Run) document.Block {
	t := document.Text(runs)
	if lbl, lvl, n := label(t); lvl != 0 {
		runs = dropPrefix(runs, n)
		if lvl <= 2 && allBold(runs) {
			// Roman sections and numbered items print bold (Decree 30): the bold is
			// the heading's, not its text's.
			runs = Runs(unbold(runs))
		}
		return document.Block{Kind: document.KindHeading, Level: lvl, Label: lbl, Runs: runs}
	}
	if m, ok := bulletMarker(t); ok {
		return document.Block{Kind: document.KindBullet, Level: BulletLevel(m), Runs: dropPrefix(runs, len(m))}
	}
	return document.Block{Kind: document.KindParagraph, Runs: runs}
}

// footer finds the signature and "Nơi nhận:" at the end of parts [from, end), fills
// them in and returns where the body ends. Word prints these two side by side, so
// a file may hold them in either order; the name may come last of all.
func (r *reader) footer(from, end int) int {
	start := max(from, end-300) // a footer is short; this bounds the search
	for i := start; i < end; i++ {
		if !r.isPara(i) || r.skippable(i) {
			continue
		}
		t := r.paras[i].text
		if !isSignerLine(t) && !isRecipientsHead(t) {
			continue
		}
		if s, rec, ok := r.parseFooter(i, end); ok {
			r.doc.Signer, r.doc.Recipients = s, rec
			return i
		}
	}
	return end
}

// parseFooter reads parts [i, end) as a footer, or reports false when one of them
// cannot belong to a footer.
func (r *reader) parseFooter(i, end int) (document.Signer, []string, bool) {
	var s document.Signer
	var authority []string
	var recipients []string
	seenRecipients, listing := false, false
	for ; i < end; i++ {
		if !r.isPara(i) {
			return s, nil, false
		}
		if r.skippable(i) {
			continue
		}
		t := r.paras[i].text
		if isRecipientsHead(t) {
			if seenRecipients {
				return s, nil, false
			}
			seenRecipients, listing = true, true
			continue
		}
		if _, ok := bulletMarker(t); ok && listing {
			if item := trimListItem(t); item != "" {
				recipients = append(recipients, item)
			}
			continue
		}
		listing = false
		switch {
		case isNote(t):
		case s.Name == "" && isSignerLine(t) && s.Title == "" && authorityRe.MatchString(t):
			authority = append(authority, t)
		case s.Name == "" && isSignerLine(t) && s.Title == "":
			s.Title = t
		case s.Name == "" && (s.Title != "" || len(authority) > 0) && (isSignerLine(t) || isNameLike(t)):
			s.Name = t
		default:
			return s, nil, false
		}
	}
	for _, a := range authority {
		if s.Authority != "" {
			s.Authority += "\n"
		}
		s.Authority += a
	}
	// A footer the writers can print again: a list of recipients, or a signer
	// with a title and a name.
	if len(recipients) == 0 && (s.Title == "" && s.Authority == "" || s.Name == "") {
		return s, nil, false
	}
	return s, recipients, true
}
