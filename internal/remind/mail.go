package remind

import (
	"bytes"
	"cmp"
	"context"
	"crypto/rand"
	"crypto/tls"
	"encoding/hex"
	"fmt"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"net/smtp"
	"strings"
	"time"
)

// MailArgs is a queued e-mail: one message to one person, sent by a job so that a
// slow or absent mail server never holds up a sweep or a page, and a failed attempt is
// retried.
type MailArgs struct {
	To      string `json:"to"`
	Name    string `json:"name"`
	Subject string `json:"subject"`
	Body    string `json:"body"`
}

// Kind names the job.
func (MailArgs) Kind() string { return "remind_mail" }

// mail writes the e-mail of reminder o to person p.
func (s *Service) mail(p person, o outgoing) MailArgs {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n\n%s\n", vi("remind.mail.greeting", p.Name), o.Title)
	if len(o.Lines) > 0 {
		b.WriteString("\n")
		for _, l := range o.Lines {
			b.WriteString(l + "\n")
		}
	}
	fmt.Fprintf(&b, "\n%s %s%s\n\n-- \n%s\n", vi("remind.mail.open"), s.BaseURL, o.Link, vi("remind.mail.footer"))
	return MailArgs{To: p.Email, Name: p.Name, Subject: o.Title, Body: b.String()}
}

// sendMail delivers one queued e-mail through the configured server. An error makes
// the job try again later; the job runner logs it.
func (s *Service) sendMail(ctx context.Context, m MailArgs) error {
	msg, err := s.message(m)
	if err != nil {
		return err
	}
	host, _, err := net.SplitHostPort(s.SMTP.Addr)
	if err != nil {
		return fmt.Errorf("smtp address %q: %w", s.SMTP.Addr, err)
	}
	conn, err := (&net.Dialer{Timeout: 15 * time.Second}).DialContext(ctx, "tcp", s.SMTP.Addr)
	if err != nil {
		return fmt.Errorf("smtp: %w", err)
	}
	defer conn.Close()
	// net/smtp takes no context: a deadline on the connection bounds a hung server.
	_ = conn.SetDeadline(time.Now().Add(time.Minute))
	c, err := smtp.NewClient(conn, host)
	if err != nil {
		return fmt.Errorf("smtp: %w", err)
	}
	defer c.Close()
	if ok, _ := c.Extension("STARTTLS"); ok {
		if err := c.StartTLS(&tls.Config{ServerName: host}); err != nil {
			return fmt.Errorf("smtp starttls: %w", err)
		}
	}
	if s.SMTP.Username != "" {
		if err := c.Auth(smtp.PlainAuth("", s.SMTP.Username, s.SMTP.Password, host)); err != nil {
			return fmt.Errorf("smtp auth: %w", err)
		}
	}
	if err := c.Mail(s.from().Address); err != nil {
		return fmt.Errorf("smtp from: %w", err)
	}
	if err := c.Rcpt(m.To); err != nil {
		return fmt.Errorf("smtp to %s: %w", m.To, err)
	}
	w, err := c.Data()
	if err != nil {
		return fmt.Errorf("smtp data: %w", err)
	}
	if _, err := w.Write(msg); err != nil {
		return fmt.Errorf("smtp data: %w", err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("smtp data: %w", err)
	}
	return c.Quit()
}

// from is the sender: LOA_SMTP_FROM, else the account name, shown as "Loa".
func (s *Service) from() *mail.Address {
	addr := cmp.Or(s.SMTP.From, s.SMTP.Username)
	if a, err := mail.ParseAddress(addr); err == nil {
		if a.Name == "" {
			a.Name = "Loa"
		}
		return a
	}
	return &mail.Address{Name: "Loa", Address: addr}
}

// message is the RFC 5322 text of m: UTF-8 body in quoted-printable, so Vietnamese
// letters pass any relay, and an encoded subject.
func (s *Service) message(m MailArgs) ([]byte, error) {
	to, err := mail.ParseAddress(m.To)
	if err != nil {
		return nil, fmt.Errorf("e-mail address %q: %w", m.To, err)
	}
	to.Name = m.Name
	id := make([]byte, 12)
	_, _ = rand.Read(id)
	var b bytes.Buffer
	from := s.from()
	fmt.Fprintf(&b, "From: %s\r\n", from)
	fmt.Fprintf(&b, "To: %s\r\n", to)
	fmt.Fprintf(&b, "Subject: %s\r\n", mime.QEncoding.Encode("utf-8", m.Subject))
	fmt.Fprintf(&b, "Date: %s\r\n", time.Now().Format(time.RFC1123Z))
	fmt.Fprintf(&b, "Message-ID: <%s@%s>\r\n", hex.EncodeToString(id), domainOf(from.Address))
	b.WriteString("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n")
	qp := quotedprintable.NewWriter(&b)
	if _, err := qp.Write([]byte(strings.ReplaceAll(m.Body, "\n", "\r\n"))); err != nil {
		return nil, err
	}
	if err := qp.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func domainOf(addr string) string {
	if i := strings.LastIndexByte(addr, '@'); i >= 0 && i < len(addr)-1 {
		return addr[i+1:]
	}
	return "loa.invalid"
}
