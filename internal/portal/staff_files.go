package portal

import (
	"errors"
	"net/http"

	"loa/internal/auth"
	"loa/internal/i18n"
	"loa/internal/library"
	"loa/internal/valid"
	"loa/internal/web"
)

type imagesPage struct {
	Images []Image
	Pager  web.Pager
	Just   string // the image just uploaded
}

// Images lists the images uploaded for articles, with the markup that shows each in
// an article's text, and the form to upload another.
func (h *HTTP) Images(w http.ResponseWriter, r *http.Request) {
	h.images(w, r, http.StatusOK, nil)
}

func (h *HTTP) images(w http.ResponseWriter, r *http.Request, status int, errs valid.Errors) {
	pager := web.PagerFrom(r, 24)
	list, total, err := h.Store.Images(r.Context(), pager.Size, pager.Offset())
	if err != nil {
		h.fail(w, r, err, "/portal")
		return
	}
	pager.Total = total
	p := h.Render.NewPage(w, r, i18n.T(web.LangFrom(r), "portal.images_title"), imagesPage{Images: list, Pager: pager, Just: r.URL.Query().Get("moi")})
	if errs != nil {
		p.Errors, p.Form = errs, r.PostForm
	}
	h.Render.Render(w, r, status, "portal/staff_images", p)
}

// UploadImage takes an image for articles: checked, resized, kept.
func (h *HTTP) UploadImage(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(r); err != nil {
		h.Render.Error(w, r, http.StatusRequestEntityTooLarge)
		return
	}
	up, err := upload(r, "image", MaxImageBytes)
	if err != nil {
		h.fail(w, r, err, "/portal/images")
		return
	}
	if up == nil {
		h.images(w, r, http.StatusUnprocessableEntity, valid.Errors{"image": i18n.M("portal.image_required")})
		return
	}
	ed := editorOf(r.Context())
	img, err := h.Store.UploadImage(r.Context(), *up, ed, ed.AgencyID)
	if ir, ok := errImage(err); ok {
		h.images(w, r, http.StatusUnprocessableEntity, valid.Errors{"image": ir.Msg})
		return
	}
	if err != nil {
		h.fail(w, r, err, "/portal/images")
		return
	}
	web.Flash(w, "portal.image_uploaded")
	web.Redirect(w, r, "/portal/images?moi="+img.Hash)
}

type docFilePage struct {
	Entry   *library.Entry
	File    *DocFile
	CanEdit bool
}

// DocFileForm shows a library document's file and the form to give or replace it.
func (h *HTTP) DocFileForm(w http.ResponseWriter, r *http.Request) {
	h.docFileForm(w, r, http.StatusOK, nil)
}

func (h *HTTP) docFileForm(w http.ResponseWriter, r *http.Request, status int, errs valid.Errors) {
	ctx := r.Context()
	e, err := h.Library.Get(ctx, r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err, "/library")
		return
	}
	data := docFilePage{Entry: e}
	if f, err := h.Store.DocFile(ctx, e.ID); err == nil {
		data.File = f
	}
	if anc, err := h.Agencies.Ancestry(ctx, e.OwnerAgencyID); err == nil {
		data.CanEdit = auth.Can(auth.FromContext(ctx), auth.ActLibraryEdit, anc)
	}
	p := h.Render.NewPage(w, r, i18n.T(web.LangFrom(r), "portal.doc_file_title", e.Heading()), data)
	if errs != nil {
		p.Errors, p.Form = errs, r.PostForm
	}
	h.Render.Render(w, r, status, "portal/staff_docfile", p)
}

// AttachDocFile gives a library document its file.
func (h *HTTP) AttachDocFile(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if err := parseForm(r); err != nil {
		h.Render.Error(w, r, http.StatusRequestEntityTooLarge)
		return
	}
	up, err := upload(r, "file", MaxDocFileBytes)
	if err != nil {
		h.fail(w, r, err, "/library/"+id+"/file")
		return
	}
	if up == nil {
		h.docFileForm(w, r, http.StatusUnprocessableEntity, valid.Errors{"file": i18n.M("portal.doc_file_required")})
		return
	}
	_, err = h.Store.AttachDocFile(r.Context(), id, *up, editorOf(r.Context()))
	var ve *valid.Error
	switch {
	case errors.As(err, &ve):
		h.docFileForm(w, r, http.StatusUnprocessableEntity, ve.Fields)
	case err != nil:
		h.fail(w, r, err, "/library/"+id+"/file")
	default:
		web.Flash(w, "portal.doc_file_attached")
		web.Redirect(w, r, "/library/"+id+"/file")
	}
}

// RemoveDocFile takes the file off a library document.
func (h *HTTP) RemoveDocFile(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if err := h.Store.RemoveDocFile(r.Context(), id); err != nil {
		h.fail(w, r, err, "/library/"+id+"/file")
		return
	}
	web.Flash(w, "portal.doc_file_removed")
	web.Redirect(w, r, "/library/"+id+"/file")
}
