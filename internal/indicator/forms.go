package indicator

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"

	"loa/internal/auth"
	"loa/internal/i18n"
	"loa/internal/valid"
	"loa/internal/web"
)

// backTo is an indicator's page for the agency a form was about.
func backTo(indicatorID, agencyID string) string {
	return "/indicators/" + indicatorID + "?" + url.Values{"agency": {agencyID}}.Encode()
}

func version(r *http.Request) int {
	n, _ := strconv.Atoi(r.PostFormValue("row_version"))
	return n
}

// valueFields are what the value form starts with before anything is typed.
type valueFields struct {
	Year, Value, Rank, RankedOf, Status, Source, SourceURL, Document, PublishedOn string
}

type valueFormPage struct {
	Indicator  *Indicator
	Scale      string
	Editing    bool
	ValueID    string
	Version    int
	Fields     valueFields
	Agencies   []choice // a new value: where the viewer may record
	Agency     string   // the measured agency, chosen or fixed
	AgencyName string
	Statuses   []Status
	// Existing is the value already recorded for the year typed, when the form was
	// refused for it; MissingDoc is a document number the library lacks.
	Existing   *Value
	MissingDoc string
}

func valueFieldsOf(v *Value) valueFields {
	f := valueFields{Year: strconv.Itoa(v.Year), Value: FormatNumber(v.Value), Status: string(v.Status), Source: v.Source,
		SourceURL: v.SourceURL, PublishedOn: v.PublishedOn.Short()}
	if v.Rank > 0 {
		f.Rank, f.RankedOf = strconv.Itoa(v.Rank), strconv.Itoa(v.RankedOf)
	}
	if v.Doc != nil {
		f.Document = v.Doc.NumberSymbol
	}
	return f
}

func valueInputFrom(r *http.Request) ValueInput {
	return ValueInput{
		AgencyID:    r.PostFormValue("agency_id"),
		Year:        r.PostFormValue("year"),
		Value:       r.PostFormValue("value"),
		Rank:        r.PostFormValue("rank"),
		RankedOf:    r.PostFormValue("ranked_of"),
		Status:      Status(r.PostFormValue("status")),
		Source:      r.PostFormValue("source"),
		SourceURL:   r.PostFormValue("source_url"),
		Document:    r.PostFormValue("document"),
		PublishedOn: r.PostFormValue("published_on"),
	}
}

func (h *HTTP) showValueForm(w http.ResponseWriter, r *http.Request, status int, data valueFormPage, errs valid.Errors) {
	ctx := r.Context()
	lang := web.LangFrom(r)
	v, err := h.viewer(ctx)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	data.Scale, data.Statuses = scaleText(lang, data.Indicator), Statuses
	if !data.Editing {
		data.Agencies, data.Agency = v.managed(data.Agency)
	}
	data.AgencyName = v.names[data.Agency]
	key := "indicator.value_new_title"
	if data.Editing {
		key = "indicator.value_edit_title"
	}
	p := h.Render.NewPage(w, r, i18n.T(lang, key, data.Indicator.Label()), data)
	if errs != nil {
		p.Errors, p.Form = errs, r.PostForm
	}
	h.Render.Render(w, r, status, "indicator/value_form", p)
}

// refusedValue shows the value form again with what was typed, the messages, and
// what helps to fix them: the value already recorded for that year, or a link to add
// the publishing document to the library.
func (h *HTTP) refusedValue(w http.ResponseWriter, r *http.Request, status int, data valueFormPage, in ValueInput, errs valid.Errors) {
	ctx := r.Context()
	if m, ok := errs["year"]; ok && m.Key == "indicator.value_duplicate" {
		year, _ := strconv.Atoi(in.Year)
		existing, err := h.Store.FindValue(ctx, data.Indicator.ID, data.Agency, year)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		data.Existing = existing
	}
	if m, ok := errs["document"]; ok && m.Key == "indicator.document_missing" {
		data.MissingDoc = in.Document
	}
	h.showValueForm(w, r, status, data, errs)
}

// NewValue shows the form to record a value, for ?agency= when the viewer may.
func (h *HTTP) NewValue(w http.ResponseWriter, r *http.Request) {
	ind, err := h.Store.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	// Results of year N come out in the spring of N+1: last year's is the one to enter.
	fields := valueFields{Year: strconv.Itoa(h.Store.Today().Year - 1), Status: string(StatusPublished)}
	h.showValueForm(w, r, http.StatusOK, valueFormPage{Indicator: ind, Fields: fields, Agency: r.URL.Query().Get("agency")}, nil)
}

// CreateValue records a value and goes back to the indicator.
func (h *HTTP) CreateValue(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	ind, err := h.Store.Get(ctx, r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	in := valueInputFrom(r)
	v, err := h.Store.AddValue(ctx, ind.ID, in)
	var ve *valid.Error
	switch {
	case errors.As(err, &ve):
		h.refusedValue(w, r, http.StatusUnprocessableEntity, valueFormPage{Indicator: ind, Agency: in.AgencyID}, in, ve.Fields)
	case err != nil:
		h.fail(w, r, err)
	default:
		web.Flash(w, "indicator.value_saved")
		web.Redirect(w, r, backTo(ind.ID, v.AgencyID))
	}
}

// valueOf loads the indicator and the value a request names, or answers with the
// error page.
func (h *HTTP) valueOf(w http.ResponseWriter, r *http.Request) (*Indicator, *Value, bool) {
	ind, err := h.Store.Get(r.Context(), r.PathValue("id"))
	if err == nil {
		var v *Value
		if v, err = h.Store.Value(r.Context(), ind.ID, r.PathValue("vid")); err == nil {
			return ind, v, true
		}
	}
	h.fail(w, r, err)
	return nil, nil, false
}

// targetOf loads the indicator and the target a request names, or answers with the
// error page.
func (h *HTTP) targetOf(w http.ResponseWriter, r *http.Request) (*Indicator, *Target, bool) {
	ind, err := h.Store.Get(r.Context(), r.PathValue("id"))
	if err == nil {
		var t *Target
		if t, err = h.Store.Target(r.Context(), ind.ID, r.PathValue("tid")); err == nil {
			return ind, t, true
		}
	}
	h.fail(w, r, err)
	return nil, nil, false
}

// EditValue shows the form to correct a value.
func (h *HTTP) EditValue(w http.ResponseWriter, r *http.Request) {
	ind, v, ok := h.valueOf(w, r)
	if !ok {
		return
	}
	h.showValueForm(w, r, http.StatusOK, valueFormPage{Indicator: ind, Editing: true, ValueID: v.ID, Version: v.RowVersion,
		Fields: valueFieldsOf(v), Agency: v.AgencyID}, nil)
}

// UpdateValue saves the correction; when someone else saved in between, the form
// comes back with what this user typed instead of overwriting.
func (h *HTTP) UpdateValue(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	ind, v, ok := h.valueOf(w, r)
	if !ok {
		return
	}
	in := valueInputFrom(r)
	_, err := h.Store.UpdateValue(ctx, ind.ID, v.ID, version(r), in)
	data := valueFormPage{Indicator: ind, Editing: true, ValueID: v.ID, Version: v.RowVersion, Fields: valueFieldsOf(v), Agency: v.AgencyID}
	var ve *valid.Error
	switch {
	case errors.As(err, &ve):
		h.refusedValue(w, r, http.StatusUnprocessableEntity, data, in, ve.Fields)
	case errors.Is(err, ErrStale):
		h.showValueForm(w, r, http.StatusConflict, data, valid.Errors{"": i18n.M("form.stale")})
	case err != nil:
		h.fail(w, r, err)
	default:
		web.Flash(w, "form.saved")
		web.Redirect(w, r, backTo(ind.ID, v.AgencyID))
	}
}

// DeleteValue removes a value entered by mistake.
func (h *HTTP) DeleteValue(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	v, err := h.Store.Value(ctx, r.PathValue("id"), r.PathValue("vid"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	err = h.Store.DeleteValue(ctx, v.IndicatorID, v.ID, version(r))
	switch {
	case errors.Is(err, ErrStale):
		web.Flash(w, "indicator.changed_meanwhile")
	case err != nil:
		h.fail(w, r, err)
		return
	default:
		web.Flash(w, "indicator.value_deleted")
	}
	web.Redirect(w, r, backTo(v.IndicatorID, v.AgencyID))
}

// targetFields are what the target form starts with before anything is typed.
type targetFields struct{ Year, Value, Rank, Note string }

type targetFormPage struct {
	Indicator  *Indicator
	Scale      string
	Editing    bool
	TargetID   string
	Version    int
	Fields     targetFields
	Agencies   []choice
	Agency     string
	AgencyName string
	// Existing is the target already set for the year typed, when the form was
	// refused for it.
	Existing *Target
}

func targetFieldsOf(t *Target) targetFields {
	f := targetFields{Year: strconv.Itoa(t.Year), Note: t.Note}
	if t.Value != nil {
		f.Value = FormatNumber(*t.Value)
	}
	if t.Rank > 0 {
		f.Rank = strconv.Itoa(t.Rank)
	}
	return f
}

func targetInputFrom(r *http.Request) TargetInput {
	return TargetInput{AgencyID: r.PostFormValue("agency_id"), Year: r.PostFormValue("year"), Value: r.PostFormValue("value"),
		Rank: r.PostFormValue("rank"), Note: r.PostFormValue("note")}
}

func (h *HTTP) showTargetForm(w http.ResponseWriter, r *http.Request, status int, data targetFormPage, errs valid.Errors) {
	lang := web.LangFrom(r)
	v, err := h.viewer(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	data.Scale = scaleText(lang, data.Indicator)
	if !data.Editing {
		data.Agencies, data.Agency = v.managed(data.Agency)
	}
	data.AgencyName = v.names[data.Agency]
	key := "indicator.target_new_title"
	if data.Editing {
		key = "indicator.target_edit_title"
	}
	p := h.Render.NewPage(w, r, i18n.T(lang, key, data.Indicator.Label()), data)
	if errs != nil {
		p.Errors, p.Form = errs, r.PostForm
	}
	h.Render.Render(w, r, status, "indicator/target_form", p)
}

func (h *HTTP) refusedTarget(w http.ResponseWriter, r *http.Request, status int, data targetFormPage, in TargetInput, errs valid.Errors) {
	if m, ok := errs["year"]; ok && m.Key == "indicator.target_duplicate" {
		year, _ := strconv.Atoi(in.Year)
		existing, err := h.Store.FindTarget(r.Context(), data.Indicator.ID, data.Agency, year)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		data.Existing = existing
	}
	h.showTargetForm(w, r, status, data, errs)
}

// NewTarget shows the form to set a target, for ?agency= when the viewer may.
func (h *HTTP) NewTarget(w http.ResponseWriter, r *http.Request) {
	ind, err := h.Store.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	fields := targetFields{Year: strconv.Itoa(h.Store.Today().Year)}
	h.showTargetForm(w, r, http.StatusOK, targetFormPage{Indicator: ind, Fields: fields, Agency: r.URL.Query().Get("agency")}, nil)
}

// CreateTarget sets a target and goes back to the indicator.
func (h *HTTP) CreateTarget(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	ind, err := h.Store.Get(ctx, r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	in := targetInputFrom(r)
	t, err := h.Store.AddTarget(ctx, ind.ID, in)
	var ve *valid.Error
	switch {
	case errors.As(err, &ve):
		h.refusedTarget(w, r, http.StatusUnprocessableEntity, targetFormPage{Indicator: ind, Agency: in.AgencyID}, in, ve.Fields)
	case err != nil:
		h.fail(w, r, err)
	default:
		web.Flash(w, "indicator.target_saved")
		web.Redirect(w, r, backTo(ind.ID, t.AgencyID))
	}
}

// EditTarget shows the form to correct a target.
func (h *HTTP) EditTarget(w http.ResponseWriter, r *http.Request) {
	ind, t, ok := h.targetOf(w, r)
	if !ok {
		return
	}
	h.showTargetForm(w, r, http.StatusOK, targetFormPage{Indicator: ind, Editing: true, TargetID: t.ID, Version: t.RowVersion,
		Fields: targetFieldsOf(t), Agency: t.AgencyID}, nil)
}

// UpdateTarget saves the correction, or shows the form again as UpdateValue does.
func (h *HTTP) UpdateTarget(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	ind, t, ok := h.targetOf(w, r)
	if !ok {
		return
	}
	in := targetInputFrom(r)
	_, err := h.Store.UpdateTarget(ctx, ind.ID, t.ID, version(r), in)
	data := targetFormPage{Indicator: ind, Editing: true, TargetID: t.ID, Version: t.RowVersion, Fields: targetFieldsOf(t), Agency: t.AgencyID}
	var ve *valid.Error
	switch {
	case errors.As(err, &ve):
		h.refusedTarget(w, r, http.StatusUnprocessableEntity, data, in, ve.Fields)
	case errors.Is(err, ErrStale):
		h.showTargetForm(w, r, http.StatusConflict, data, valid.Errors{"": i18n.M("form.stale")})
	case err != nil:
		h.fail(w, r, err)
	default:
		web.Flash(w, "form.saved")
		web.Redirect(w, r, backTo(ind.ID, t.AgencyID))
	}
}

// DeleteTarget removes a target.
func (h *HTTP) DeleteTarget(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	t, err := h.Store.Target(ctx, r.PathValue("id"), r.PathValue("tid"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	err = h.Store.DeleteTarget(ctx, t.IndicatorID, t.ID, version(r))
	switch {
	case errors.Is(err, ErrStale):
		web.Flash(w, "indicator.changed_meanwhile")
	case err != nil:
		h.fail(w, r, err)
		return
	default:
		web.Flash(w, "indicator.target_deleted")
	}
	web.Redirect(w, r, backTo(t.IndicatorID, t.AgencyID))
}

// indicatorFields are what the indicator form starts with.
type indicatorFields struct {
	Code, Name, ShortName, Publisher, Unit, Max, Description string
	HigherIsBetter                                           bool
}

type indicatorFormPage struct {
	Editing   bool
	ID        string
	Version   int
	Fields    indicatorFields
	Units     []Unit
	Owners    []choice // a new indicator: the agencies the viewer may add one for
	Owner     string
	CanShare  bool // may add one for the whole installation
	OwnerName string
}

func indicatorFieldsOf(ind *Indicator) indicatorFields {
	return indicatorFields{Code: ind.Code, Name: ind.Name, ShortName: ind.ShortName, Publisher: ind.Publisher, Unit: string(ind.Unit),
		Max: FormatNumber(ind.Max), Description: ind.Description, HigherIsBetter: ind.HigherIsBetter}
}

func indicatorInputFrom(r *http.Request) IndicatorInput {
	return IndicatorInput{Code: r.PostFormValue("code"), Name: r.PostFormValue("name"), ShortName: r.PostFormValue("short_name"),
		Publisher: r.PostFormValue("publisher"), Unit: Unit(r.PostFormValue("unit")), Max: r.PostFormValue("max"),
		HigherIsBetter: r.PostFormValue("higher_is_better") == "1", Description: r.PostFormValue("description"),
		OwnerAgencyID: r.PostFormValue("owner_agency_id")}
}

func (h *HTTP) showIndicatorForm(w http.ResponseWriter, r *http.Request, status int, data indicatorFormPage, errs valid.Errors) {
	v, err := h.viewer(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	data.Units = Units
	if data.Editing {
		data.OwnerName = v.names[data.Owner]
	} else {
		data.CanShare = v.can(auth.ActProgressManage, "")
		data.Owners, data.Owner = v.managed(data.Owner)
	}
	key := "indicator.new_title"
	if data.Editing {
		key = "indicator.edit_title"
	}
	p := h.Render.NewPage(w, r, title(r, key), data)
	if errs != nil {
		p.Errors, p.Form = errs, r.PostForm
	}
	h.Render.Render(w, r, status, "indicator/indicator_form", p)
}

// New shows the form for an index an agency tracks for itself.
func (h *HTTP) New(w http.ResponseWriter, r *http.Request) {
	h.showIndicatorForm(w, r, http.StatusOK, indicatorFormPage{Fields: indicatorFields{Unit: string(UnitPoints), Max: "100", HigherIsBetter: true}}, nil)
}

// Create adds an indicator.
func (h *HTTP) Create(w http.ResponseWriter, r *http.Request) {
	in := indicatorInputFrom(r)
	ind, err := h.Store.Create(r.Context(), in)
	var ve *valid.Error
	switch {
	case errors.As(err, &ve):
		h.showIndicatorForm(w, r, http.StatusUnprocessableEntity, indicatorFormPage{Owner: in.OwnerAgencyID}, ve.Fields)
	case err != nil:
		h.fail(w, r, err)
	default:
		web.Flash(w, "indicator.created")
		web.Redirect(w, r, "/indicators/"+ind.ID)
	}
}

// Edit shows the form to correct an indicator.
func (h *HTTP) Edit(w http.ResponseWriter, r *http.Request) {
	ind, err := h.Store.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.showIndicatorForm(w, r, http.StatusOK, indicatorFormPage{Editing: true, ID: ind.ID, Version: ind.RowVersion,
		Fields: indicatorFieldsOf(ind), Owner: ind.OwnerAgencyID}, nil)
}

// Update saves the indicator form.
func (h *HTTP) Update(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	ind, err := h.Store.Get(ctx, r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	_, err = h.Store.Update(ctx, ind.ID, version(r), indicatorInputFrom(r))
	data := indicatorFormPage{Editing: true, ID: ind.ID, Version: ind.RowVersion, Fields: indicatorFieldsOf(ind), Owner: ind.OwnerAgencyID}
	var ve *valid.Error
	switch {
	case errors.As(err, &ve):
		h.showIndicatorForm(w, r, http.StatusUnprocessableEntity, data, ve.Fields)
	case errors.Is(err, ErrStale):
		h.showIndicatorForm(w, r, http.StatusConflict, data, valid.Errors{"": i18n.M("form.stale")})
	case err != nil:
		h.fail(w, r, err)
	default:
		web.Flash(w, "form.saved")
		web.Redirect(w, r, "/indicators/"+ind.ID)
	}
}
