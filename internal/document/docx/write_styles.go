package docx

import (
	"fmt"

	"loa/internal/document/pdf/layout"
)

// Style ids used by document.xml. The heading styles carry Word's built-in names
// so that the navigation pane and readers of the file see the outline.
const (
	styleHeading   = "Heading" // + level: Heading1 … Heading4
	styleTitle     = "Title"   // type name, summary, annex titles: centred, bold
	styleHeaderCol = "HeaderText"
	styleCell      = "TableText"
	styleTable     = "TableGrid"
)

// stylesXML declares Times New Roman at 14 pt for everything and the Decree 30
// body paragraph as Normal: justified, 1 cm first-line indent, 6 pt after,
// single spacing.
var stylesXML = []byte(fmt.Sprintf(xmlHeader+`<w:styles `+nsW+`>`+
	`<w:docDefaults>`+
	`<w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="Times New Roman" w:cs="Times New Roman"/>`+
	`<w:color w:val="000000"/><w:sz w:val="%[1]d"/><w:szCs w:val="%[1]d"/><w:lang w:val="vi-VN" w:eastAsia="vi-VN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>`+
	`<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault>`+
	`</w:docDefaults>`+
	`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>`+
	`<w:pPr><w:spacing w:after="%[2]d" w:line="240" w:lineRule="auto"/><w:ind w:firstLine="%[3]d"/><w:jc w:val="both"/></w:pPr></w:style>`+
	heading(1, true)+heading(2, true)+heading(3, false)+heading(4, false)+
	`<w:style w:type="paragraph" w:styleId="`+styleTitle+`"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>`+
	`<w:pPr><w:keepNext/><w:spacing w:after="0"/><w:ind w:firstLine="0"/><w:jc w:val="center"/></w:pPr><w:rPr><w:b/><w:bCs/></w:rPr></w:style>`+
	`<w:style w:type="paragraph" w:customStyle="1" w:styleId="`+styleHeaderCol+`"><w:name w:val="Header Column"/><w:basedOn w:val="Normal"/>`+
	`<w:pPr><w:spacing w:after="0"/><w:ind w:firstLine="0"/><w:jc w:val="center"/></w:pPr><w:rPr><w:sz w:val="%[4]d"/><w:szCs w:val="%[4]d"/></w:rPr></w:style>`+
	`<w:style w:type="paragraph" w:customStyle="1" w:styleId="`+styleCell+`"><w:name w:val="Table Text"/><w:basedOn w:val="Normal"/>`+
	`<w:pPr><w:spacing w:before="%[5]d" w:after="%[5]d"/><w:ind w:firstLine="0"/><w:jc w:val="left"/></w:pPr><w:rPr><w:sz w:val="%[6]d"/><w:szCs w:val="%[6]d"/></w:rPr></w:style>`+
	`<w:style w:type="paragraph" w:styleId="Header"><w:name w:val="header"/><w:basedOn w:val="Normal"/>`+
	`<w:pPr><w:spacing w:after="0"/><w:ind w:firstLine="0"/><w:jc w:val="center"/></w:pPr><w:rPr><w:sz w:val="%[7]d"/><w:szCs w:val="%[7]d"/></w:rPr></w:style>`+
	`<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/>`+
	`<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>`+
	`<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>`+
	`<w:style w:type="table" w:styleId="`+styleTable+`"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/>`+
	`<w:tblPr><w:tblBorders>%[8]s</w:tblBorders></w:tblPr></w:style>`+
	`</w:styles>`,
	half(layout.BodySize), layout.SpaceAfter, layout.FirstLineIndent, half(layout.HeaderSize),
	layout.TableCellSpace, half(layout.TableSize), half(layout.PageNumberSize), borders("single")))

// heading is the style of a numbered heading; the label is typed into the text.
func heading(level int, bold bool) string {
	b := ""
	if bold {
		b = `<w:rPr><w:b/><w:bCs/></w:rPr>`
	}
	return fmt.Sprintf(`<w:style w:type="paragraph" w:styleId="%s%d"><w:name w:val="heading %d"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>`+
		`<w:pPr><w:keepNext/><w:outlineLvl w:val="%d"/></w:pPr>%s</w:style>`, styleHeading, level, level, level-1, b)
}

// borders lists the six table borders with one value: "single" for ruled tables,
// "nil" for the borderless header and signature tables.
func borders(val string) string {
	s := ""
	for _, side := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
		if val == "nil" {
			s += `<w:` + side + ` w:val="nil"/>`
		} else {
			s += `<w:` + side + ` w:val="` + val + `" w:sz="4" w:space="0" w:color="000000"/>`
		}
	}
	return s
}
