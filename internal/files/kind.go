package files

import (
	"errors"
	"strings"
)

// Kind is a type of file Loa accepts.
type Kind string

// The kinds of files Loa accepts. Older Office files (.doc, .xls) are not among
// them: they can carry macros that cannot be told apart without opening them, and
// every Office version since 2007 saves the newer formats.
const (
	JPEG Kind = "jpeg"
	PNG  Kind = "png"
	GIF  Kind = "gif"
	WebP Kind = "webp"
	PDF  Kind = "pdf"
	DOCX Kind = "docx"
	XLSX Kind = "xlsx"
	Text Kind = "text" // UTF-8 plain text, .txt or .csv
)

// Images are the kinds that have thumbnails.
var Images = []Kind{JPEG, PNG, GIF, WebP}

// AllKinds are all the kinds, in the order messages list them.
var AllKinds = []Kind{JPEG, PNG, GIF, WebP, PDF, DOCX, XLSX, Text}

type kindInfo struct {
	contentType string
	exts        []string // the first is the one a nameless download gets
	name        string   // as a Vietnamese sentence names it
}

var kinds = map[Kind]kindInfo{
	JPEG: {"image/jpeg", []string{".jpg", ".jpeg"}, "ảnh JPEG"},
	PNG:  {"image/png", []string{".png"}, "ảnh PNG"},
	GIF:  {"image/gif", []string{".gif"}, "ảnh GIF"},
	WebP: {"image/webp", []string{".webp"}, "ảnh WebP"},
	PDF:  {"application/pdf", []string{".pdf"}, "tệp PDF"},
	DOCX: {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", []string{".docx"}, "tệp Word (.docx)"},
	XLSX: {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", []string{".xlsx"}, "tệp Excel (.xlsx)"},
	Text: {"text/plain; charset=utf-8", []string{".txt", ".csv"}, "văn bản thuần"},
}

// IsImage tells whether k has a thumbnail.
func (k Kind) IsImage() bool {
	for _, i := range Images {
		if k == i {
			return true
		}
	}
	return false
}

func kindOfExt(ext string) Kind {
	for k, info := range kinds {
		for _, e := range info.exts {
			if e == ext {
				return k
			}
		}
	}
	return ""
}

func kindOfType(contentType string) Kind {
	for k, info := range kinds {
		if info.contentType == contentType {
			return k
		}
	}
	return ""
}

// extList names the extensions of ks for a message: ".jpg, .jpeg, .png hoặc .pdf".
func extList(ks []Kind) string {
	var exts []string
	for _, k := range ks {
		exts = append(exts, kinds[k].exts...)
	}
	if len(exts) < 2 {
		return strings.Join(exts, "")
	}
	return strings.Join(exts[:len(exts)-1], ", ") + " hoặc " + exts[len(exts)-1]
}

// Reason is why an upload was refused, for code that reacts to it.
type Reason string

const (
	ReasonType          Reason = "type"            // no accepted kind has this extension
	ReasonNotAllowed    Reason = "not_allowed"     // the kind is not accepted here
	ReasonTooLarge      Reason = "too_large"       // more bytes than the limit
	ReasonEmpty         Reason = "empty"           // no bytes at all
	ReasonMismatch      Reason = "mismatch"        // the content is not what the extension says
	ReasonMacro         Reason = "macro"           // a Word or Excel file with macros
	ReasonDamaged       Reason = "damaged"         // an image whose header cannot be read
	ReasonImageTooLarge Reason = "image_too_large" // more pixels than may be decoded safely
)

// Error is an upload Loa refuses. Its Message is Vietnamese and fit to show to the
// user as it is; nothing of the upload was kept.
type Error struct {
	Reason  Reason
	Message string
}

func (e *Error) Error() string { return e.Message }

func refuse(reason Reason, message string) error { return &Error{Reason: reason, Message: message} }

// IsRefused tells whether err is an upload refused for reason.
func IsRefused(err error, reason Reason) bool {
	var e *Error
	return errors.As(err, &e) && e.Reason == reason
}
