package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"time"

	"loa/internal/document"
)

// zipTime is the timestamp of every part, so the same document always gives the
// same bytes (golden tests, content hashes of stored exports).
var zipTime = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

// Write writes d as a WordprocessingML (.docx) file laid out by Decree 30.
func Write(w io.Writer, d *document.Document) error {
	zw := zip.NewWriter(w)
	for _, p := range []struct {
		name string
		body []byte
	}{
		{"[Content_Types].xml", contentTypesXML},
		{"_rels/.rels", rootRelsXML},
		{"docProps/core.xml", coreXML(d)},
		{"docProps/app.xml", appXML},
		{"word/document.xml", documentXML(d)},
		{"word/styles.xml", stylesXML},
		{"word/settings.xml", settingsXML},
		{"word/header1.xml", pageNumberHeaderXML},
		{"word/header2.xml", firstPageHeaderXML},
		{"word/_rels/document.xml.rels", documentRelsXML},
	} {
		f, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: zipTime})
		if err != nil {
			return fmt.Errorf("docx: %s: %w", p.name, err)
		}
		if _, err := f.Write(p.body); err != nil {
			return fmt.Errorf("docx: %s: %w", p.name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("docx: %w", err)
	}
	return nil
}

const (
	xmlHeader = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
	nsW       = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`
	nsR       = `xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`
	relsNS    = `http://schemas.openxmlformats.org/package/2006/relationships`
	relType   = `http://schemas.openxmlformats.org/officeDocument/2006/relationships/`
)

var contentTypesXML = []byte(xmlHeader +
	`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
	`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
	`<Default Extension="xml" ContentType="application/xml"/>` +
	`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
	`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
	`<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>` +
	`<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>` +
	`<Override PartName="/word/header2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>` +
	`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
	`<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>` +
	`</Types>`)

var rootRelsXML = []byte(xmlHeader + `<Relationships xmlns="` + relsNS + `">` +
	`<Relationship Id="rId1" Type="` + relType + `officeDocument" Target="word/document.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
	`<Relationship Id="rId3" Type="` + relType + `extended-properties" Target="docProps/app.xml"/>` +
	`</Relationships>`)

// Relationship ids of document.xml; the section properties refer to the headers by them.
const (
	relPageNumberHeader = "rIdHeaderPage"
	relFirstPageHeader  = "rIdHeaderFirst"
)

var documentRelsXML = []byte(xmlHeader + `<Relationships xmlns="` + relsNS + `">` +
	`<Relationship Id="rIdStyles" Type="` + relType + `styles" Target="styles.xml"/>` +
	`<Relationship Id="rIdSettings" Type="` + relType + `settings" Target="settings.xml"/>` +
	`<Relationship Id="` + relPageNumberHeader + `" Type="` + relType + `header" Target="header1.xml"/>` +
	`<Relationship Id="` + relFirstPageHeader + `" Type="` + relType + `header" Target="header2.xml"/>` +
	`</Relationships>`)

var appXML = []byte(xmlHeader +
	`<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">` +
	`<Application>Loa</Application></Properties>`)

// coreXML names the document and its issuer. It carries no dates: they would make
// every export of the same document differ.
func coreXML(d *document.Document) []byte {
	var b bytes.Buffer
	b.WriteString(xmlHeader + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
		`xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>`)
	title := d.Summary
	if d.TypeName != "" {
		title = d.TypeName + " " + d.Summary
	}
	escape(&b, title)
	b.WriteString(`</dc:title><dc:creator>`)
	escape(&b, d.IssuingBody)
	b.WriteString(`</dc:creator><dc:language>vi-VN</dc:language></cp:coreProperties>`)
	return b.Bytes()
}

// settingsXML: Word 2013+ compatibility so that Word does not lay the file out in
// compatibility mode, and no automatic spacing between Latin and Asian text.
var settingsXML = []byte(xmlHeader + `<w:settings ` + nsW + `>` +
	`<w:zoom w:percent="100"/><w:defaultTabStop w:val="720"/>` +
	`<w:characterSpacingControl w:val="doNotCompress"/>` +
	`<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>` +
	`<w:themeFontLang w:val="vi-VN"/>` +
	`</w:settings>`)

// The page number sits centred in the top margin from page 2; page 1 gets the
// empty first-page header (Decree 30: no number on the first page).
var (
	pageNumberHeaderXML = []byte(xmlHeader + `<w:hdr ` + nsW + `><w:p><w:pPr><w:pStyle w:val="Header"/></w:pPr>` +
		`<w:r><w:fldChar w:fldCharType="begin"/></w:r>` +
		`<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>` +
		`<w:r><w:fldChar w:fldCharType="separate"/></w:r>` +
		`<w:r><w:t>2</w:t></w:r>` +
		`<w:r><w:fldChar w:fldCharType="end"/></w:r>` +
		`</w:p></w:hdr>`)
	firstPageHeaderXML = []byte(xmlHeader + `<w:hdr ` + nsW + `><w:p><w:pPr><w:pStyle w:val="Header"/></w:pPr></w:p></w:hdr>`)
)

// escape writes s as XML character data. encoding/xml replaces characters XML
// cannot hold (control characters pasted from other programs) with U+FFFD.
func escape(b *bytes.Buffer, s string) {
	_ = xml.EscapeText(b, []byte(s)) // a bytes.Buffer never fails to write
}

// half is a size in the half-points WordprocessingML counts sizes in.
func half(points float64) int { return int(points*2 + 0.5) }
