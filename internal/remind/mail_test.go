package remind_test

import (
	"bytes"
	"io"
	"log/slog"
	"mime"
	"mime/quotedprintable"
	"net/mail"
	"strings"
	"sync"
	"testing"
	"time"

	"loa/internal/config"
	"loa/internal/store"
	"loa/internal/store/storetest"
	"loa/internal/vn"
)

// decoded reads a received message: its subject and its body as text.
func decoded(t *testing.T, data string) (subject, body string) {
	t.Helper()
	m, err := mail.ReadMessage(strings.NewReader(data))
	if err != nil {
		t.Fatalf("not a message: %v\n%s", err, data)
	}
	subject, err = new(mime.WordDecoder).DecodeHeader(m.Header.Get("Subject"))
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(quotedprintable.NewReader(m.Body))
	if err != nil {
		t.Fatal(err)
	}
	return subject, string(b)
}

func TestRemindersAreMailedToThePeopleOfTheUnitWhenSMTPIsSet(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		server := newSMTPServer(t)
		f.user(f.ttt, "tttt1", "tttt1@example.vn")
		f.user(f.ttt, "tttt2", "") // no address: in-app only
		f.svc = f.service(db, nil, config.SMTP{Addr: server.ln.Addr().String(), From: "loa@example.vn"})
		if err := f.svc.Jobs.Start(ctx); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = f.svc.Jobs.Stop(ctx) })
		f.sweepOn(day(2024, 3, 29)) // the posts' last day: an on-day reminder and the digests
		waitFor(t, "two e-mails", func() bool { return len(server.messages()) >= 2 })
		time.Sleep(300 * time.Millisecond) // room for a wrong extra message
		msgs := server.messages()
		if len(msgs) != 2 {
			t.Fatalf("%d e-mails, want the on-day reminder and the digest to the one person with an address", len(msgs))
		}
		var subjects []string
		for _, m := range msgs {
			if m.To != "tttt1@example.vn" || m.From != "<loa@example.vn>" {
				t.Errorf("mail from %s to %s", m.From, m.To)
			}
			subject, body := decoded(t, m.Data)
			subjects = append(subjects, subject)
			if !strings.Contains(body, "Kính gửi Nguyễn Văn tttt1,") || !strings.Contains(body, "https://cchc.example.vn/plans/"+f.plan.ID) {
				t.Errorf("body lacks the greeting or the link to the plan:\n%s", body)
			}
		}
		joined := strings.Join(subjects, "\n")
		if !strings.Contains(joined, "Hôm nay là hạn hoàn thành «Đăng tin, bài về cải cách hành chính") ||
			!strings.Contains(joined, "Nhắc việc ngày 29/03/2024: 1 việc sắp đến hạn, 0 việc quá hạn") {
			t.Errorf("subjects:\n%s", joined)
		}
		if n := f.count(`SELECT COUNT(*) FROM reminders WHERE kind = 'on_day' AND channels = 'app,email'`); n != 1 {
			t.Errorf("the on-day reminder is not logged as mailed")
		}
	})
}

// lockedBuffer collects log output written from the job runner's goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func TestAnUnreachableMailServerIsLoggedAndTheReminderStillGoesInTheApp(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		f.user(f.ttt, "tttt1", "tttt1@example.vn")
		closed := newSMTPServer(t)
		addr := closed.ln.Addr().String()
		closed.ln.Close()
		var logs lockedBuffer
		f.svc = f.service(db, slog.New(slog.NewTextHandler(&logs, nil)), config.SMTP{Addr: addr, From: "loa@example.vn"})
		if err := f.svc.Jobs.Start(ctx); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = f.svc.Jobs.Stop(ctx) })
		f.svc.Today = func() vn.Date { return day(2024, 3, 29) }
		if n, err := f.svc.Sweep(ctx); err != nil || n == 0 {
			t.Fatalf("sweep: %d sent, %v", n, err)
		}
		waitFor(t, "the failure in the log", func() bool { return strings.Contains(logs.String(), "remind_mail") })
		if n := f.count(`SELECT COUNT(*) FROM notifications WHERE agency_id = $1`, f.ttt.ID); n == 0 {
			t.Fatal("no in-app reminder")
		}
	})
}
