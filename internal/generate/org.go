package generate

import (
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"

	"golang.org/x/crypto/argon2"

	"loa/internal/agency"
	"loa/internal/auth"
	"loa/internal/register"
	"loa/internal/vn"
)

// node is a generated agency.
type node struct {
	id, name, short, abbr string
	kind                  agency.Kind
	parent                *node
	electronicID          string
	user                  *account // the account that records its results; nil without accounts
}

// account is a generated user.
type account struct {
	id, username string
}

// dept is a department with its office and units.
type dept struct {
	*node
	spec   deptSpec
	office *node
	units  []*node // without the office
}

// children are the office and the units: the agencies that lead and coordinate.
func (d *dept) children() []*node { return append([]*node{d.office}, d.units...) }

// org is the generated tree of agencies.
type org struct {
	root  *node
	depts []*dept
	all   []*node // parents before children
}

// departmentsFor splits n agencies into the root, departments and their children:
// about seven agencies per department (the office and five or six units), as many
// departments as the list holds, and the rest spread evenly as more units.
func departmentsFor(n int) (depts int, children []int) {
	depts = min(max(1, (n-1+3)/7), len(departments), (n-1)/2)
	rest := n - 1 - depts
	children = make([]int, depts)
	for i := range children {
		children[i] = rest / depts
		if i < rest%depts {
			children[i]++
		}
	}
	return depts, children
}

// buildOrg makes the tree of n agencies.
func buildOrg(n int) *org {
	o := &org{root: &node{name: rootName, short: rootShortName, abbr: rootAbbr, kind: agency.KindPeoplesCommittee,
		electronicID: rootElectronicID}}
	o.all = append(o.all, o.root)
	nd, children := departmentsFor(n)
	for i := range nd {
		spec := departments[i]
		d := &dept{spec: spec, node: &node{name: spec.name, short: spec.short, abbr: spec.abbr, kind: agency.KindDepartment,
			parent: o.root, electronicID: electronicID(0, i+1)}}
		o.depts = append(o.depts, d)
		o.all = append(o.all, d.node)
		taken := map[string]bool{}
		for j, u := range unitNames(spec, children[i]) {
			c := &node{name: u.name, kind: u.kind, parent: d.node, abbr: uniqueAbbr(abbreviate(u.name), taken),
				electronicID: electronicID(j+1, i+1)}
			if j == 0 {
				c.kind = agency.KindOffice
				d.office = c
			} else {
				d.units = append(d.units, c)
			}
			o.all = append(o.all, c)
		}
	}
	return o
}

// unitNames gives a department's k children: its office, its own units, the common
// divisions, then its units in each district, numbered when the districts run out.
func unitNames(spec deptSpec, k int) []unitSpec {
	out := []unitSpec{{spec.office, agency.KindOffice}}
	out = append(out, spec.units...)
	out = append(out, commonUnits...)
	for i := 0; len(out) < k; i++ {
		name := spec.area + " " + areas[i%len(areas)]
		if round := i / len(areas); round > 0 {
			name += " số " + strconv.Itoa(round+1)
		}
		out = append(out, unitSpec{name, kindOf(name)})
	}
	return out[:k]
}

// kindOf tells a unit's kind by the word its name starts with.
func kindOf(name string) agency.Kind {
	switch {
	case strings.HasPrefix(name, "Trung tâm"):
		return agency.KindCentre
	case strings.HasPrefix(name, "Phòng"):
		return agency.KindDivision
	case strings.HasPrefix(name, "Chi cục"):
		return agency.KindSubDepartment
	}
	return agency.KindUnit
}

// abbreviate makes an abbreviation from the first letters of a name's words, the way
// offices do ("Trung tâm Kiểm soát bệnh tật" → TTKSBT): without diacritics except Đ,
// skipping "và", "số" and punctuation; an office is VP.
func abbreviate(name string) string {
	if strings.HasPrefix(name, "Văn phòng") {
		return "VP"
	}
	var b strings.Builder
	for _, w := range strings.FieldsFunc(name, func(r rune) bool { return r == ' ' || r == '-' || r == ',' || r == '(' || r == ')' }) {
		if w == "và" || w == "số" {
			continue
		}
		r := []rune(w)[0]
		switch {
		case r == 'đ' || r == 'Đ':
			b.WriteRune('Đ')
		case unicode.IsDigit(r):
			b.WriteString(w)
		default:
			b.WriteString(strings.ToUpper(vn.Fold(string(r))))
		}
	}
	// Sixteen letters at most, leaving room for a number within the form's limit of 20.
	s := []rune(b.String())
	return string(s[:min(len(s), 16)])
}

// uniqueAbbr keeps abbreviations unique among siblings, as the agency form requires,
// by numbering repeats.
func uniqueAbbr(abbr string, taken map[string]bool) string {
	out := abbr
	for i := 2; taken[out]; i++ {
		out = abbr + strconv.Itoa(i)
	}
	taken[out] = true
	return out
}

// electronicID numbers agencies in the style of QĐ 20/2020/QĐ-TTg: the department
// in the third group, its unit in the second, the province code last.
func electronicID(unit, department int) string {
	return "000." + base36(unit, 2) + "." + base36(department, 2) + ".H13"
}

func base36(n, width int) string {
	s := strings.ToUpper(strconv.FormatInt(int64(n), 36))
	for len(s) < width {
		s = "0" + s
	}
	return s
}

// username is the sign-in name of a unit's account: department and unit
// abbreviations, folded ("syt.ttksbt").
func username(d *dept, n *node) string {
	return vn.Fold(d.abbr) + "." + vn.Fold(n.abbr)
}

// staffTitle is what the staff of a unit are: civil servants in the administration,
// public employees in centres and other public service units.
func staffTitle(n *node) string {
	if n.kind == agency.KindCentre || n.kind == agency.KindUnit {
		return "Viên chức"
	}
	return "Công chức"
}

// personName draws a Vietnamese full name.
func personName(r rng) string {
	return pick(r, familyNames) + " " + pick(r, middleNames) + " " + pick(r, givenNames)
}

// passwordHash hashes password once for every generated account, in the format and
// with the parameters auth.HashPassword uses, taken from a hash it makes. The salt
// comes from the seed instead of crypto/rand, so that the same seed gives the same
// database; the accounts of a generated dataset are for trying and measuring Loa.
func passwordHash(password string, r rng) (string, error) {
	sample, err := auth.HashPassword(password)
	if err != nil {
		return "", err
	}
	parts := strings.Split(sample, "$") // "", "argon2id", "v=19", "m=…,t=…,p=…", salt, key
	if len(parts) != 6 {
		return "", fmt.Errorf("unexpected password hash format: %d parts", len(parts))
	}
	var mem, passes uint32
	var threads uint8
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &mem, &passes, &threads); err != nil {
		return "", fmt.Errorf("password hash parameters %q: %w", parts[3], err)
	}
	key, err := base64.RawStdEncoding.DecodeString(parts[5])
	if err != nil {
		return "", err
	}
	salt := make([]byte, 16)
	for i := range salt {
		salt[i] = byte(r.Uint32())
	}
	parts[4] = base64.RawStdEncoding.EncodeToString(salt)
	parts[5] = base64.RawStdEncoding.EncodeToString(argon2.IDKey([]byte(password), salt, passes, mem, threads, uint32(len(key))))
	return strings.Join(parts, "$"), nil
}

// orgRows writes the agencies, their first period, the departments' document
// settings, and — with accounts — one admin for the city, an office account per
// department and an account per unit.
func (g *generator) orgRows(o *org, hash string) (agencies, history, settings, users, members *rows) {
	r := newRNG(g.opt.Seed, streamAgencies)
	agencies, history = newRows(tAgencies, len(o.all)), newRows(tAgencyHistory, len(o.all))
	settings = newRows(tAgencySettings, len(o.depts))
	created := g.setupDay
	validFrom := vn.Date{Year: g.year - 1, Month: time.January, Day: 1}
	for i, n := range o.all {
		t := at(created, 8, 0, i, 0)
		n.id = r.id(t)
		parent := ""
		if n.parent != nil {
			parent = n.parent.id
		}
		agencies.add(n.id, vn.Clean(n.name), n.short, n.abbr, string(n.kind), nullable(parent), n.electronicID, false, 1, t, t)
		history.add(r.id(t), n.id, validFrom, vn.Clean(n.name), n.short, n.abbr, nullable(parent), "Dữ liệu tạo tự động", t)
	}
	for _, d := range o.depts {
		settings.add(d.id, city, string(register.Single), at(created, 8, 30, 0, 0))
	}
	users, members = newRows(tUsers, len(o.all)), newRows(tMemberships, len(o.all))
	if !g.opt.Users {
		return
	}
	ru := newRNG(g.opt.Seed, streamUsers)
	i := 0
	addUser := func(name, login, title string, home, roleAt *node, role auth.Role) *account {
		t := at(created, 9, 0, i, 0)
		i++
		a := &account{id: ru.id(t), username: login}
		users.add(a.id, login, name, "", title, home.id, hash, 1, t, t)
		members.add(ru.id(t), a.id, roleAt.id, string(role), t)
		return a
	}
	addUser(personName(ru), "quantri", "Quản trị hệ thống", o.root, o.root, auth.RoleAdmin)
	for _, d := range o.depts {
		d.office.user = addUser(personName(ru), username(d, d.office), "Chuyên viên "+d.office.name, d.office, d.node, auth.RoleOffice)
		for _, u := range d.units {
			u.user = addUser(personName(ru), username(d, u), staffTitle(u)+" "+u.name, u, u, auth.RoleUnit)
		}
	}
	return
}
