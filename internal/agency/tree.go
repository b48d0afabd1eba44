package agency

import (
	"context"
	"slices"
	"strings"

	"loa/internal/vn"
)

// Node is an agency with its children, for the tree page and pickers.
type Node struct {
	*Agency
	Depth    int
	Children []*Node
}

// kindRank orders siblings the way an organisation chart lists them: the committee,
// departments, the office, divisions, sub-departments, centres, other units.
func kindRank(k Kind) int {
	if i := slices.Index(Kinds, k); i >= 0 {
		return i
	}
	return len(Kinds)
}

// BuildTree arranges agencies into trees, siblings by kind and then in Vietnamese
// alphabetical order. Merged agencies are left out unless withMerged.
func BuildTree(all []*Agency, withMerged bool) []*Node {
	nodes := make(map[string]*Node, len(all))
	for _, a := range all {
		if !withMerged && !a.Active() {
			continue
		}
		nodes[a.ID] = &Node{Agency: a}
	}
	var roots []*Node
	for _, a := range all {
		n, ok := nodes[a.ID]
		if !ok {
			continue
		}
		if p, ok := nodes[a.ParentID]; ok {
			p.Children = append(p.Children, n)
		} else {
			roots = append(roots, n)
		}
	}
	var arrange func(list []*Node, depth int)
	arrange = func(list []*Node, depth int) {
		vn.SortBy(list, func(n *Node) string { return n.Name })
		slices.SortStableFunc(list, func(a, b *Node) int {
			if a.External != b.External {
				if a.External {
					return 1
				}
				return -1
			}
			return kindRank(a.Kind) - kindRank(b.Kind)
		})
		for _, n := range list {
			n.Depth = depth
			arrange(n.Children, depth+1)
		}
	}
	arrange(roots, 0)
	return roots
}

// Flatten lists a tree depth-first, as an indented list or a <select> shows it.
func Flatten(roots []*Node) []*Node {
	var out []*Node
	var walk func([]*Node)
	walk = func(list []*Node) {
		for _, n := range list {
			out = append(out, n)
			walk(n.Children)
		}
	}
	walk(roots)
	return out
}

// Search returns the active agencies whose name, short name or abbreviation contain
// q, ignoring case and diacritics ("so kh" finds "Sở KH&CN"), best matches first.
func (s *Store) Search(ctx context.Context, q string, limit int) ([]*Agency, error) {
	all, err := s.All(ctx)
	if err != nil {
		return nil, err
	}
	key := vn.Fold(vn.Clean(q))
	type hit struct {
		a    *Agency
		rank int
	}
	var hits []hit
	for _, a := range all {
		if !a.Active() {
			continue
		}
		name, abbr := vn.Fold(a.Name), vn.Fold(a.Abbr)
		hay := name + " " + vn.Fold(a.ShortName) + " " + abbr
		switch {
		case key == "":
			hits = append(hits, hit{a, 3})
		case abbr == key:
			hits = append(hits, hit{a, 0})
		case strings.HasPrefix(name, key):
			hits = append(hits, hit{a, 1})
		case strings.Contains(hay, key):
			hits = append(hits, hit{a, 2})
		}
	}
	vn.SortBy(hits, func(h hit) string { return h.a.Name })
	slices.SortStableFunc(hits, func(a, b hit) int { return a.rank - b.rank })
	out := make([]*Agency, 0, min(len(hits), limit))
	for i := 0; i < len(hits) && i < limit; i++ {
		out = append(out, hits[i].a)
	}
	return out, nil
}
