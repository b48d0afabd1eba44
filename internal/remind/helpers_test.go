package remind_test

import (
	"bufio"
	"context"
	"io"
	"log/slog"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"loa/internal/agency"
	"loa/internal/config"
	"loa/internal/jobs"
	"loa/internal/plan"
	"loa/internal/remind"
	"loa/internal/store"
	"loa/internal/vn"
)

var ctx = context.Background()

func day(y int, m time.Month, d int) vn.Date { return vn.Date{Year: y, Month: m, Day: d} }

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// fixture is a department with two units and one running plan:
//
//	posts    led by TTTT with PQL as partner, ends 29/03/2024
//	leaflets led by PQL, ends 30/06/2024
type fixture struct {
	t        *testing.T
	db       *store.DB
	svc      *remind.Service
	dept     *agency.Agency
	ttt, pql *agency.Agency
	plan     *plan.Plan
	posts    string
	leaflets string
}

func newFixture(t *testing.T, db *store.DB) *fixture {
	t.Helper()
	agencies := agency.NewStore(db)
	add := func(name, abbr string, kind agency.Kind, parent string) *agency.Agency {
		a, err := agencies.Create(ctx, agency.Input{Name: name, Abbr: abbr, Kind: kind, ParentID: parent, From: day(2020, 1, 1)})
		if err != nil {
			t.Fatalf("agency %s: %v", abbr, err)
		}
		return a
	}
	f := &fixture{t: t, db: db}
	f.dept = add("Sở Khoa học và Công nghệ", "SKHCN", agency.KindDepartment, "")
	f.ttt = add("Trung tâm Thông tin", "TTTT", agency.KindCentre, f.dept.ID)
	f.pql = add("Phòng Quản lý chuyên ngành", "PQL", agency.KindDivision, f.dept.ID)
	p, err := plan.NewStore(db).Create(ctx, &plan.Plan{AgencyID: f.dept.ID, Year: 2024, Status: plan.StatusInEffect,
		Summary: "Thông tin, tuyên truyền CCHC năm 2024",
		Activities: []plan.Activity{
			{Kind: plan.ChannelWebsite, Text: "Đăng tin, bài về cải cách hành chính trên Trang thông tin điện tử",
				Lead: plan.AgencyRef{Name: f.ttt.Name, AgencyID: f.ttt.ID}, Partners: []plan.AgencyRef{{Name: f.pql.Name, AgencyID: f.pql.ID}},
				StartsOn: day(2024, 1, 1), EndsOn: day(2024, 3, 29)},
			{Kind: plan.ChannelLeaflet, Text: "Phát hành tờ gấp về thủ tục hành chính",
				Lead: plan.AgencyRef{Name: f.pql.Name, AgencyID: f.pql.ID}, StartsOn: day(2024, 4, 1), EndsOn: day(2024, 6, 30)},
		}}, "")
	if err != nil {
		t.Fatalf("plan: %v", err)
	}
	f.plan, f.posts, f.leaflets = p, p.Activities[0].ID, p.Activities[1].ID
	f.svc = f.service(db, nil, config.SMTP{})
	return f
}

// service is a reminder service on db with a runner that is not started: jobs it
// queues stay queued.
func (f *fixture) service(db *store.DB, log *slog.Logger, smtp config.SMTP) *remind.Service {
	f.t.Helper()
	if log == nil {
		log = quiet
	}
	r, err := jobs.New(ctx, db, jobs.Config{Log: log, FetchPoll: 50 * time.Millisecond})
	if err != nil {
		f.t.Fatal(err)
	}
	s := remind.New(db, r, &config.Config{SMTP: smtp, BaseURL: "https://cchc.example.vn"}, log)
	remind.Register(r, s)
	s.Today = func() vn.Date { return day(2024, 3, 1) }
	s.Now = func() time.Time { return time.Date(2024, 3, 1, 9, 0, 0, 0, vn.Location) }
	return s
}

// user adds a person to a unit, with an e-mail address when given.
func (f *fixture) user(a *agency.Agency, username, email string) string {
	f.t.Helper()
	id := store.NewID()
	if _, err := f.db.Write().ExecContext(ctx, `INSERT INTO users (id, username, full_name, email, agency_id, password_hash, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, 'x', $6, $6)`, id, username, "Nguyễn Văn "+username, email, a.ID, store.Now()); err != nil {
		f.t.Fatal(err)
	}
	return id
}

// result records a result of a unit for an activity.
func (f *fixture) result(activityID string, a *agency.Agency, done vn.Date, status string) {
	f.t.Helper()
	now := store.Now()
	if _, err := f.db.Write().ExecContext(ctx, `INSERT INTO results (id, plan_id, activity_id, agency_id, done_on, status, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $7)`, store.NewID(), f.plan.ID, activityID, a.ID, done, status, now); err != nil {
		f.t.Fatal(err)
	}
}

func (f *fixture) exempt(activityID string) {
	f.t.Helper()
	if _, err := f.db.Write().ExecContext(ctx, `INSERT INTO activity_exemptions (activity_id, reason, decided_at) VALUES ($1, $2, $3)`,
		activityID, "Không tổ chức cuộc thi", store.Now()); err != nil {
		f.t.Fatal(err)
	}
}

// sweepOn runs the sweep as on day d and returns how many reminders went out.
func (f *fixture) sweepOn(d vn.Date) int {
	f.t.Helper()
	f.svc.Today = func() vn.Date { return d }
	n, err := f.svc.Sweep(ctx)
	if err != nil {
		f.t.Fatalf("sweep on %s: %v", d, err)
	}
	return n
}

// logged lists the kinds of the logged reminders matching cond, in the order sent.
func (f *fixture) logged(cond string, args ...any) []string {
	f.t.Helper()
	rows, err := f.db.Read().QueryContext(ctx, `SELECT kind FROM reminders WHERE `+cond+` ORDER BY sent_at, id`, args...)
	if err != nil {
		f.t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			f.t.Fatal(err)
		}
		out = append(out, k)
	}
	return out
}

func (f *fixture) count(query string, args ...any) int {
	f.t.Helper()
	var n int
	if err := f.db.Read().QueryRowContext(ctx, query, args...).Scan(&n); err != nil {
		f.t.Fatal(err)
	}
	return n
}

// smtpServer is a mail server on a local port that accepts everything and keeps
// what it was given.
type smtpServer struct {
	ln   net.Listener
	mu   sync.Mutex
	msgs []smtpMessage
}

type smtpMessage struct {
	From, To, Data string
}

func newSMTPServer(t *testing.T) *smtpServer {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &smtpServer{ln: ln}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go s.serve(c)
		}
	}()
	return s
}

func (s *smtpServer) serve(c net.Conn) {
	defer c.Close()
	r := bufio.NewReader(c)
	say := func(line string) { _, _ = io.WriteString(c, line+"\r\n") }
	say("220 test ESMTP")
	var m smtpMessage
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		cmd := strings.ToUpper(strings.TrimSpace(line))
		switch {
		case strings.HasPrefix(cmd, "EHLO"), strings.HasPrefix(cmd, "HELO"):
			say("250 test")
		case strings.HasPrefix(cmd, "MAIL FROM:"):
			m = smtpMessage{From: strings.TrimSpace(line[len("MAIL FROM:"):])}
			say("250 ok")
		case strings.HasPrefix(cmd, "RCPT TO:"):
			m.To = strings.Trim(strings.TrimSpace(line[len("RCPT TO:"):]), "<>")
			say("250 ok")
		case cmd == "DATA":
			say("354 go on")
			var b strings.Builder
			for {
				l, err := r.ReadString('\n')
				if err != nil {
					return
				}
				if l == ".\r\n" {
					break
				}
				b.WriteString(l)
			}
			m.Data = b.String()
			s.mu.Lock()
			s.msgs = append(s.msgs, m)
			s.mu.Unlock()
			say("250 queued")
		case cmd == "QUIT":
			say("221 bye")
			return
		default:
			say("250 ok")
		}
	}
}

func (s *smtpServer) messages() []smtpMessage {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]smtpMessage(nil), s.msgs...)
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
