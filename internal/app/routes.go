package app

import (
	"net/http"
	"net/url"
	"strings"

	"loa/internal/auth"
	"loa/internal/feedback"
	"loa/internal/plan"
	"loa/internal/portal"
	"loa/internal/remind"
	"loa/internal/store"
	"loa/internal/web"
)

// Route is one line of the site's route table: who may call it is the Action, at the
// agency Scope names (nil: anywhere the user holds the action).
type Route struct {
	Method  string
	Pattern string
	Action  auth.Action
	Scope   func(a *App, r *http.Request) (string, error)
	Handler http.HandlerFunc
	// MaxBytes bounds the request body; zero means an ordinary form (1 MiB).
	MaxBytes int64
}

// cachedPages are the public pages kept in memory and shared between visitors (see
// pubcache): pages that show nothing about who asks and hold no form token.
func cachedPages() map[string]bool {
	return map[string]bool{
		"GET /{$}":                     true,
		"GET /tin-tuc":                 true,
		"GET /tin-tuc/rss.xml":         true,
		"GET /tin-tuc/atom.xml":        true,
		"GET /tin-tuc/{slug}":          true,
		"GET /thu-tuc":                 true,
		"GET /thu-tuc/rss.xml":         true,
		"GET /thu-tuc/atom.xml":        true,
		"GET /thu-tuc/{slug}":          true,
		"GET /an-pham":                 true,
		"GET /an-pham/rss.xml":         true,
		"GET /an-pham/atom.xml":        true,
		"GET /an-pham/{slug}":          true,
		"GET /dien-hinh":               true,
		"GET /dien-hinh/rss.xml":       true,
		"GET /dien-hinh/atom.xml":      true,
		"GET /dien-hinh/{slug}":        true,
		"GET /trang/{slug}":            true,
		"GET /lien-he":                 true,
		"GET /van-ban":                 true,
		"GET /van-ban/{id}":            true,
		"GET /sitemap.xml":             true,
		"GET /hoi-dap":                 true,
		"GET /hoi-dap/{id}":            true,
		"GET /khao-sat":                true,
		"GET /khao-sat/{slug}/ket-qua": true,
	}
}

// Routes is the whole site: every page and form, with the permission it needs.
func (a *App) Routes() []Route {
	au, ag, ad, pl, pr, sv, po, fb := a.authHTTP, a.agencyHTTP, a.adminHTTP, a.planHTTP, a.progress, a.surveyHTTP, a.portalHTTP, a.feedbackHTTP
	return []Route{
		{"GET", "/{$}", auth.ActPublic, nil, po.Home, 0},
		{"GET", "/app", auth.ActSignedIn, nil, a.home, 0},
		{"GET", "/login", auth.ActPublic, nil, au.LoginPage, 0},
		{"POST", "/login", auth.ActPublic, nil, au.Login, 0},
		{"POST", "/logout", auth.ActPublic, nil, au.Logout, 0},
		{"POST", "/lang", auth.ActPublic, nil, auth.SetLanguage, 0},
		{"GET", "/account/password", auth.ActSignedIn, nil, au.PasswordPage, 0},
		{"POST", "/account/password", auth.ActSignedIn, nil, au.ChangePassword, 0},

		{"GET", "/agencies", auth.ActView, nil, ag.Tree, 0},
		{"GET", "/agencies/search", auth.ActView, nil, ag.Search, 0},
		{"GET", "/agencies/new", auth.ActAgencyManage, queryAgency("parent"), ag.New, 0},
		{"POST", "/agencies", auth.ActAgencyManage, formAgency("parent_id"), ag.Create, 0},
		{"GET", "/agencies/{id}", auth.ActView, nil, ag.View, 0},
		{"GET", "/agencies/{id}/edit", auth.ActAgencyManage, pathAgency, ag.Edit, 0},
		{"POST", "/agencies/{id}", auth.ActAgencyManage, pathAgency, ag.Update, 0},
		{"GET", "/agencies/{id}/move", auth.ActAgencyManage, pathAgency, ag.MoveForm, 0},
		{"POST", "/agencies/{id}/move", auth.ActAgencyManage, pathAgency, ag.Move, 0},
		{"GET", "/agencies/{id}/merge", auth.ActAgencyManage, pathAgency, ag.MergeForm, 0},
		{"POST", "/agencies/{id}/merge", auth.ActAgencyManage, pathAgency, ag.Merge, 0},

		{"GET", "/users", auth.ActUserManage, nil, ad.UserList, 0},
		{"GET", "/users/new", auth.ActUserManage, nil, ad.NewUser, 0},
		{"POST", "/users", auth.ActUserManage, formAgency("agency_id"), ad.CreateUser, 0},
		{"GET", "/users/{id}", auth.ActUserManage, pathUser, ad.EditUser, 0},
		{"POST", "/users/{id}", auth.ActUserManage, pathUser, ad.UpdateUser, 0},
		{"POST", "/users/{id}/roles", auth.ActUserManage, pathUser, ad.GrantRole, 0},
		{"POST", "/users/{id}/roles/{mid}/revoke", auth.ActUserManage, pathUser, ad.RevokeRole, 0},
		{"POST", "/users/{id}/disabled", auth.ActUserManage, pathUser, ad.SetDisabled, 0},
		{"POST", "/users/{id}/password", auth.ActUserManage, pathUser, ad.ResetPassword, 0},
		{"GET", "/audit", auth.ActAuditView, nil, ad.Audit, 0},
		{"GET", "/notifications", auth.ActSignedIn, nil, a.notifications, 0},
		{"POST", "/notifications/read", auth.ActSignedIn, nil, a.markRead, 0},

		{"GET", "/plans", auth.ActView, nil, pl.List, 0},
		{"GET", "/plans/new", auth.ActPlanDraft, nil, pl.New, 0},
		{"POST", "/plans", auth.ActPlanDraft, formAgency("agency_id"), pl.Create, 0},
		{"POST", "/plans/import", auth.ActPlanDraft, formAgency("agency_id"), pl.Import, plan.MaxImportBytes + 1<<20},
		{"GET", "/plans/{id}", auth.ActView, pathPlan, pl.View, 0},
		{"GET", "/plans/{id}/edit", auth.ActPlanDraft, pathPlan, pl.Edit, 0},
		{"POST", "/plans/{id}/edit/{section}", auth.ActPlanDraft, pathPlan, pl.SaveSection, 0},
		{"POST", "/plans/{id}/submit", auth.ActPlanDraft, pathPlan, pl.Act("submit"), 0},
		{"POST", "/plans/{id}/return", auth.ActPlanApprove, pathPlan, pl.Act("return"), 0},
		{"POST", "/plans/{id}/approve", auth.ActPlanApprove, pathPlan, pl.Act("approve"), 0},
		{"POST", "/plans/{id}/issue", auth.ActPlanIssue, pathPlan, pl.Act("issue"), 0},
		{"POST", "/plans/{id}/start", auth.ActPlanIssue, pathPlan, pl.Act("start"), 0},
		{"POST", "/plans/{id}/close", auth.ActPlanIssue, pathPlan, pl.Act("close"), 0},
		{"POST", "/plans/{id}/amend", auth.ActPlanDraft, pathPlan, pl.Act("amend"), 0},
		{"GET", "/plans/{id}/export/{format}", auth.ActView, pathPlan, pl.Export, 0},
		{"GET", "/plans/{id}/diff", auth.ActView, pathPlan, pl.DiffPage, 0},
		{"GET", "/plans/{id}/preview", auth.ActView, pathPlan, pl.Preview, 0},

		{"GET", "/work", auth.ActResultRecord, nil, pr.Work, 0},
		{"GET", "/plans/{id}/timeline", auth.ActView, pathPlan, pr.Timeline, 0},
		{"GET", "/plans/{id}/progress", auth.ActView, pathPlan, pr.Dashboard, 0},
		{"GET", "/plans/{id}/progress.xlsx", auth.ActView, pathPlan, pr.Export, 0},
		{"GET", "/plans/{id}/evidence", auth.ActView, pathPlan, a.packHTTP.Page, 0},
		{"GET", "/plans/{id}/evidence.zip", auth.ActView, pathPlan, a.packHTTP.Download, 0},
		{"GET", "/activities/{id}/results/new", auth.ActResultRecord, nil, pr.NewResult, 0},
		{"POST", "/activities/{id}/results", auth.ActResultRecord, formAgency("agency_id"), pr.CreateResult, maxResultBytes},
		{"POST", "/activities/{id}/exempt", auth.ActProgressManage, pathActivity, pr.Exempt(true), 0},
		{"POST", "/activities/{id}/unexempt", auth.ActProgressManage, pathActivity, pr.Exempt(false), 0},
		{"GET", "/review", auth.ActProgressManage, nil, pr.ReviewQueue, 0},
		{"GET", "/results/{id}", auth.ActView, pathResult, pr.ViewResult, 0},
		{"GET", "/results/{id}/edit", auth.ActResultRecord, pathResult, pr.EditResult, 0},
		{"POST", "/results/{id}", auth.ActResultRecord, pathResult, pr.UpdateResult, maxResultBytes},
		{"POST", "/results/{id}/accept", auth.ActProgressManage, pathResult, pr.Review("accept"), 0},
		{"POST", "/results/{id}/return", auth.ActProgressManage, pathResult, pr.Review("return"), 0},
		{"POST", "/results/{id}/reopen", auth.ActProgressManage, pathResult, pr.Review("reopen"), 0},
		{"GET", "/results/{id}/files/{hash}", auth.ActView, pathResult, pr.File, 0},
		{"GET", "/difficulties", auth.ActView, nil, pr.Difficulties, 0},
		{"GET", "/difficulties/new", auth.ActResultRecord, nil, pr.NewDifficulty, 0},
		{"POST", "/difficulties", auth.ActResultRecord, formAgency("agency_id"), pr.RaiseDifficulty, 0},
		{"GET", "/difficulties/{id}", auth.ActView, pathDifficulty, pr.ViewDifficulty, 0},
		{"POST", "/difficulties/{id}/answer", auth.ActView, pathDifficulty, pr.MoveDifficulty("answer"), 0},
		{"POST", "/difficulties/{id}/escalate", auth.ActProgressManage, pathDifficulty, pr.MoveDifficulty("escalate"), 0},
		{"POST", "/difficulties/{id}/close", auth.ActView, pathDifficulty, pr.MoveDifficulty("close"), 0},
		{"POST", "/difficulties/{id}/reopen", auth.ActView, pathDifficulty, pr.MoveDifficulty("reopen"), 0},
		{"GET", "/inspections", auth.ActView, nil, pr.Inspections, 0},
		{"GET", "/inspections/new", auth.ActProgressManage, nil, pr.NewInspection, 0},
		{"POST", "/inspections", auth.ActProgressManage, formAgency("agency_id"), pr.CreateInspection, 0},
		{"GET", "/inspections/{id}", auth.ActView, pathInspection, pr.ViewInspection, 0},
		{"POST", "/inspections/{id}/recommendations/{rid}/close", auth.ActProgressManage, pathInspection, pr.CloseRecommendation, 0},
		{"GET", "/reports", auth.ActView, nil, a.reports.List, 0},
		{"POST", "/reports", auth.ActPlanDraft, formAgency("agency_id"), a.reports.Create, 0},
		{"GET", "/reports/{id}", auth.ActView, pathReport, a.reports.View, 0},
		{"POST", "/reports/{id}/edit", auth.ActPlanDraft, pathReport, a.reports.Save, 0},
		{"POST", "/reports/{id}/submit", auth.ActPlanDraft, pathReport, a.reports.Act("submit"), 0},
		{"POST", "/reports/{id}/return", auth.ActPlanApprove, pathReport, a.reports.Act("return"), 0},
		{"POST", "/reports/{id}/approve", auth.ActPlanApprove, pathReport, a.reports.Act("approve"), 0},
		{"POST", "/reports/{id}/issue", auth.ActPlanIssue, pathReport, a.reports.Act("issue"), 0},
		{"POST", "/reports/{id}/send", auth.ActPlanIssue, pathReport, a.reports.Act("send"), 0},
		{"POST", "/reports/{id}/reopen", auth.ActPlanDraft, pathReport, a.reports.Act("reopen"), 0},
		{"GET", "/reports/{id}/export/{format}", auth.ActView, pathReport, a.reports.Export, 0},
		{"GET", "/received", auth.ActView, nil, a.reports.Inbox, 0},
		{"GET", "/received/{id}", auth.ActView, pathRecipient, a.reports.Received, 0},
		{"GET", "/received/{id}/export/{format}", auth.ActView, pathRecipient, a.reports.Export, 0},
		{"GET", "/reminders", auth.ActView, nil, a.remindHTTP.List, 0},
		{"GET", "/reminders/rules", auth.ActProgressManage, nil, a.remindHTTP.RulesPage, 0}, // the handler checks ?agency=
		{"POST", "/reminders/rules", auth.ActProgressManage, formAgency("agency_id"), a.remindHTTP.SaveRules, 0},
		{"POST", "/reminders/urge", auth.ActProgressManage, activityOwner, a.remindHTTP.Urge, 0},
		{"POST", "/reminders/sweep", auth.ActProgressManage, nil, a.remindHTTP.SweepNow, 0},

		// The library is shared: anyone who reads here reads all of it; an entry is
		// corrected by the agency that added it.
		{"GET", "/indicators", auth.ActView, nil, a.indicatorHTTP.List, 0},
		{"GET", "/indicators/export.xlsx", auth.ActView, nil, a.indicatorHTTP.Export, 0},
		{"GET", "/indicators/new", auth.ActProgressManage, nil, a.indicatorHTTP.New, 0},
		{"POST", "/indicators", auth.ActProgressManage, formAgency("owner_agency_id"), a.indicatorHTTP.Create, 0},
		{"GET", "/indicators/{id}", auth.ActView, nil, a.indicatorHTTP.View, 0}, // the handler checks an agency's own index
		{"GET", "/indicators/{id}/edit", auth.ActProgressManage, pathIndicator, a.indicatorHTTP.Edit, 0},
		{"POST", "/indicators/{id}", auth.ActProgressManage, pathIndicator, a.indicatorHTTP.Update, 0},
		{"GET", "/indicators/{id}/values/new", auth.ActProgressManage, nil, a.indicatorHTTP.NewValue, 0},
		{"POST", "/indicators/{id}/values", auth.ActProgressManage, formAgency("agency_id"), a.indicatorHTTP.CreateValue, 0},
		{"GET", "/indicators/{id}/values/{vid}/edit", auth.ActProgressManage, pathIndicatorValue, a.indicatorHTTP.EditValue, 0},
		{"POST", "/indicators/{id}/values/{vid}", auth.ActProgressManage, pathIndicatorValue, a.indicatorHTTP.UpdateValue, 0},
		{"POST", "/indicators/{id}/values/{vid}/delete", auth.ActProgressManage, pathIndicatorValue, a.indicatorHTTP.DeleteValue, 0},
		{"GET", "/indicators/{id}/targets/new", auth.ActProgressManage, nil, a.indicatorHTTP.NewTarget, 0},
		{"POST", "/indicators/{id}/targets", auth.ActProgressManage, formAgency("agency_id"), a.indicatorHTTP.CreateTarget, 0},
		{"GET", "/indicators/{id}/targets/{tid}/edit", auth.ActProgressManage, pathIndicatorTarget, a.indicatorHTTP.EditTarget, 0},
		{"POST", "/indicators/{id}/targets/{tid}", auth.ActProgressManage, pathIndicatorTarget, a.indicatorHTTP.UpdateTarget, 0},
		{"POST", "/indicators/{id}/targets/{tid}/delete", auth.ActProgressManage, pathIndicatorTarget, a.indicatorHTTP.DeleteTarget, 0},
		{"GET", "/plans/{id}/indicators", auth.ActProgressManage, pathPlan, a.indicatorHTTP.Links, 0},
		{"POST", "/plans/{id}/indicators", auth.ActProgressManage, pathPlan, a.indicatorHTTP.SaveLinks, 0},

		// The public portal: news, procedure guides, leaflets, good practices, pages,
		// the documents library, feeds and the sitemap.
		{"GET", "/tin-tuc", auth.ActPublic, nil, po.Section(portal.KindNews), 0},
		{"GET", "/tin-tuc/rss.xml", auth.ActPublic, nil, po.RSS(portal.KindNews), 0},
		{"GET", "/tin-tuc/atom.xml", auth.ActPublic, nil, po.Atom(portal.KindNews), 0},
		{"GET", "/tin-tuc/{slug}", auth.ActPublic, nil, po.Article(portal.KindNews), 0},
		{"GET", "/thu-tuc", auth.ActPublic, nil, po.Section(portal.KindGuide), 0},
		{"GET", "/thu-tuc/rss.xml", auth.ActPublic, nil, po.RSS(portal.KindGuide), 0},
		{"GET", "/thu-tuc/atom.xml", auth.ActPublic, nil, po.Atom(portal.KindGuide), 0},
		{"GET", "/thu-tuc/{slug}", auth.ActPublic, nil, po.Article(portal.KindGuide), 0},
		{"GET", "/an-pham", auth.ActPublic, nil, po.Section(portal.KindLeaflet), 0},
		{"GET", "/an-pham/rss.xml", auth.ActPublic, nil, po.RSS(portal.KindLeaflet), 0},
		{"GET", "/an-pham/atom.xml", auth.ActPublic, nil, po.Atom(portal.KindLeaflet), 0},
		{"GET", "/an-pham/{slug}", auth.ActPublic, nil, po.Article(portal.KindLeaflet), 0},
		{"GET", "/an-pham/{slug}/tep", auth.ActPublic, nil, po.LeafletFile, 0},
		{"GET", "/dien-hinh", auth.ActPublic, nil, po.Section(portal.KindPractice), 0},
		{"GET", "/dien-hinh/rss.xml", auth.ActPublic, nil, po.RSS(portal.KindPractice), 0},
		{"GET", "/dien-hinh/atom.xml", auth.ActPublic, nil, po.Atom(portal.KindPractice), 0},
		{"GET", "/dien-hinh/{slug}", auth.ActPublic, nil, po.Article(portal.KindPractice), 0},
		{"GET", "/trang/{slug}", auth.ActPublic, nil, po.Page, 0},
		{"GET", "/lien-he", auth.ActPublic, nil, po.Contacts, 0},
		{"GET", "/van-ban", auth.ActPublic, nil, po.Documents, 0},
		{"GET", "/van-ban/{id}", auth.ActPublic, nil, po.Document, 0},
		{"GET", "/van-ban/{id}/tep", auth.ActPublic, nil, po.DocumentFile, 0},
		{"GET", "/anh/{hash}", auth.ActPublic, nil, po.Image, 0},
		{"GET", "/sitemap.xml", auth.ActPublic, nil, po.Sitemap, 0},

		{"GET", "/tim-kiem", auth.ActPublic, nil, a.searchHTTP.Results, 0},
		{"GET", "/tim-kiem.json", auth.ActPublic, nil, a.searchHTTP.Suggest, 0},

		// Citizens' feedback: sent and followed by a tracking code, answered by the
		// unit it is assigned to, the chosen questions and answers published.
		{"GET", "/phan-anh", auth.ActPublic, nil, fb.Form, 0},
		{"POST", "/phan-anh", auth.ActPublic, nil, fb.Submit, feedback.MaxUploadBytes},
		{"GET", "/phan-anh/tra-cuu", auth.ActPublic, nil, fb.Lookup, 0},
		{"POST", "/phan-anh/tra-cuu", auth.ActPublic, nil, fb.LookupFull, 0},
		{"GET", "/phan-anh/tep/{token}", auth.ActPublic, nil, fb.AnswerFile, 0},
		{"GET", "/hoi-dap", auth.ActPublic, nil, fb.QAList, 0},
		{"GET", "/hoi-dap/{id}", auth.ActPublic, nil, fb.QAItem, 0},
		{"GET", "/hoi-dap/{id}/tep/{hash}", auth.ActPublic, nil, fb.QAFile, 0},
		{"GET", "/feedback", auth.ActFeedbackAnswer, nil, fb.Inbox, 0},
		{"GET", "/feedback/export.csv", auth.ActFeedbackAnswer, nil, fb.Export, 0},
		{"GET", "/feedback/{id}", auth.ActFeedbackAnswer, pathFeedback, fb.Item, 0},
		{"POST", "/feedback/{id}/assign", auth.ActFeedbackHandle, pathFeedbackOwner, fb.Assign, 0},
		{"POST", "/feedback/{id}/answer", auth.ActFeedbackAnswer, pathFeedback, fb.Answer, feedback.MaxUploadBytes},
		{"POST", "/feedback/{id}/reject", auth.ActFeedbackHandle, pathFeedbackOwner, fb.Reject, 0},
		{"POST", "/feedback/{id}/publish", auth.ActFeedbackHandle, pathFeedbackOwner, fb.Publish, 0},
		{"POST", "/feedback/{id}/unpublish", auth.ActFeedbackHandle, pathFeedbackOwner, fb.Unpublish, 0},
		{"GET", "/feedback/{id}/files/{hash}", auth.ActFeedbackAnswer, pathFeedback, fb.File, 0},
		{"GET", "/feedback/templates", auth.ActFeedbackAnswer, nil, fb.TemplateList, 0},
		{"GET", "/feedback/templates/new", auth.ActFeedbackAnswer, nil, fb.NewTemplate, 0},
		{"POST", "/feedback/templates", auth.ActFeedbackAnswer, formAgency("agency_id"), fb.CreateTemplate, 0},
		{"GET", "/feedback/templates/{tid}", auth.ActFeedbackAnswer, pathFeedbackTemplate, fb.EditTemplate, 0},
		{"POST", "/feedback/templates/{tid}/edit", auth.ActFeedbackAnswer, pathFeedbackTemplate, fb.UpdateTemplate, 0},
		{"POST", "/feedback/templates/{tid}/delete", auth.ActFeedbackAnswer, pathFeedbackTemplate, fb.DeleteTemplate, 0},

		// The editors' desk: two editors, one writes, the other publishes.
		{"GET", "/portal", auth.ActPortalWrite, nil, po.List, 0},
		{"GET", "/portal/review", auth.ActPortalPublish, nil, po.Review, 0},
		{"GET", "/portal/new", auth.ActPortalWrite, nil, po.New, 0},
		{"POST", "/portal", auth.ActPortalWrite, formAgency("owner_agency_id"), po.Create, maxArticleBytes},
		{"GET", "/portal/images", auth.ActPortalWrite, nil, po.Images, 0},
		{"POST", "/portal/images", auth.ActPortalWrite, nil, po.UploadImage, portal.MaxImageBytes + 1<<20},
		{"GET", "/portal/{id}", auth.ActPortalWrite, pathArticle, po.View, 0},
		{"GET", "/portal/{id}/edit", auth.ActPortalWrite, pathArticle, po.Edit, 0},
		{"POST", "/portal/{id}", auth.ActPortalWrite, pathArticle, po.Update, maxArticleBytes},
		{"POST", "/portal/{id}/submit", auth.ActPortalWrite, pathArticle, po.Act("submit"), 0},
		{"POST", "/portal/{id}/return", auth.ActPortalPublish, pathArticle, po.Act("return"), 0},
		{"POST", "/portal/{id}/publish", auth.ActPortalPublish, pathArticle, po.Act("publish"), 0},
		{"POST", "/portal/{id}/withdraw", auth.ActPortalPublish, pathArticle, po.Act("withdraw"), 0},
		{"GET", "/portal/{id}/versions", auth.ActPortalWrite, pathArticle, po.Versions, 0},
		{"GET", "/portal/{id}/versions/{n}", auth.ActPortalWrite, pathArticle, po.Version, 0},
		{"GET", "/portal/{id}/file", auth.ActPortalWrite, pathArticle, po.File, 0},
		{"GET", "/library/{id}/file", auth.ActLibraryEdit, pathLibraryDoc, po.DocFileForm, 0},
		{"POST", "/library/{id}/file", auth.ActLibraryEdit, pathLibraryDoc, po.AttachDocFile, portal.MaxDocFileBytes + 1<<20},
		{"POST", "/library/{id}/file/remove", auth.ActLibraryEdit, pathLibraryDoc, po.RemoveDocFile, 0},

		{"GET", "/surveys", auth.ActSurveyManage, nil, sv.List, 0},
		{"GET", "/surveys/new", auth.ActSurveyManage, nil, sv.New, 0},
		{"POST", "/surveys", auth.ActSurveyManage, formAgency("agency_id"), sv.Create, 0},
		{"GET", "/surveys/{id}", auth.ActSurveyManage, pathSurvey, sv.View, 0},
		{"GET", "/surveys/{id}/edit", auth.ActSurveyManage, pathSurvey, sv.Edit, 0},
		{"POST", "/surveys/{id}", auth.ActSurveyManage, pathSurvey, sv.Update, 0},
		{"GET", "/surveys/{id}/questions/new", auth.ActSurveyManage, pathSurvey, sv.NewQuestion, 0},
		{"POST", "/surveys/{id}/questions", auth.ActSurveyManage, pathSurvey, sv.CreateQuestion, 0},
		{"POST", "/surveys/{id}/questions/order", auth.ActSurveyManage, pathSurvey, sv.Order, 0},
		{"GET", "/surveys/{id}/questions/{qid}", auth.ActSurveyManage, pathSurvey, sv.EditQuestion, 0},
		{"POST", "/surveys/{id}/questions/{qid}", auth.ActSurveyManage, pathSurvey, sv.UpdateQuestion, 0},
		{"GET", "/surveys/{id}/preview", auth.ActSurveyManage, pathSurvey, sv.Preview, 0},
		{"POST", "/surveys/{id}/open", auth.ActSurveyManage, pathSurvey, sv.Act("open"), 0},
		{"POST", "/surveys/{id}/close", auth.ActSurveyManage, pathSurvey, sv.Act("close"), 0},
		{"POST", "/surveys/{id}/draft", auth.ActSurveyManage, pathSurvey, sv.Act("draft"), 0},
		{"GET", "/surveys/{id}/codes", auth.ActSurveyManage, pathSurvey, sv.Codes, 0},
		{"POST", "/surveys/{id}/codes", auth.ActSurveyManage, pathSurvey, sv.GenerateCodes, 0},
		{"GET", "/surveys/{id}/codes/export/{format}", auth.ActSurveyManage, pathSurvey, sv.ExportCodes, 0},
		{"GET", "/surveys/{id}/results", auth.ActSurveyManage, pathSurvey, sv.Results, 0},
		{"GET", "/surveys/{id}/results/export/{format}", auth.ActSurveyManage, pathSurvey, sv.ExportResults, 0},
		{"GET", "/surveys/{id}/results/{qid}", auth.ActSurveyManage, pathSurvey, sv.TextAnswers, 0},
		{"GET", "/khao-sat", auth.ActPublic, nil, sv.PublicList, 0},
		{"GET", "/khao-sat/{slug}", auth.ActPublic, nil, sv.Form, 0},
		{"POST", "/khao-sat/{slug}", auth.ActPublic, nil, sv.Answer, 0},
		{"GET", "/khao-sat/{slug}/cam-on", auth.ActPublic, nil, sv.Thanks, 0},
		{"GET", "/khao-sat/{slug}/ket-qua", auth.ActPublic, nil, sv.PublicResults, 0},

		{"GET", "/oversight", auth.ActOverview, nil, a.oversightHTTP.Page, 0},
		{"GET", "/oversight/export.xlsx", auth.ActOverview, nil, a.oversightHTTP.Export, 0},

		// The holiday calendar and the deadline rules are the installation's: everyone
		// reads them; an administrator at a top-level agency changes them.
		{"GET", "/calendar", auth.ActView, nil, a.calendarHTTP.Year, 0},
		{"POST", "/calendar/holidays", auth.ActAgencyManage, topLevel, a.calendarHTTP.AddHoliday, 0},
		{"POST", "/calendar/holidays/{id}/delete", auth.ActAgencyManage, topLevel, a.calendarHTTP.DeleteHoliday, 0},
		{"GET", "/calendar/deadlines", auth.ActView, nil, a.calendarHTTP.Deadlines, 0},
		{"POST", "/calendar/deadlines", auth.ActAgencyManage, topLevel, a.calendarHTTP.SaveRules, 0},

		{"GET", "/library", auth.ActView, nil, a.libraryHTTP.List, 0},
		{"GET", "/library/export.xlsx", auth.ActView, nil, a.libraryHTTP.Export, 0},
		{"GET", "/library/new", auth.ActLibraryEdit, nil, a.libraryHTTP.New, 0},
		{"POST", "/library", auth.ActLibraryEdit, formAgency("owner_agency_id"), a.libraryHTTP.Create, 0},
		{"GET", "/library/{id}", auth.ActView, nil, a.libraryHTTP.View, 0},
		{"GET", "/library/{id}/edit", auth.ActLibraryEdit, pathLibraryDoc, a.libraryHTTP.Edit, 0},
		{"POST", "/library/{id}", auth.ActLibraryEdit, pathLibraryDoc, a.libraryHTTP.Update, 0},
	}
}

// Scope functions: which agency a request acts on.

func pathAgency(a *App, r *http.Request) (string, error) {
	ag, err := a.Agencies.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		return "", err
	}
	return ag.ID, nil
}

func pathUser(a *App, r *http.Request) (string, error) {
	u, err := a.Users.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		return "", err
	}
	return u.AgencyID, nil
}

func queryAgency(name string) func(*App, *http.Request) (string, error) {
	return func(a *App, r *http.Request) (string, error) { return r.URL.Query().Get(name), nil }
}

func pathPlan(a *App, r *http.Request) (string, error) {
	p, err := a.Plans.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		return "", err
	}
	return p.AgencyID, nil
}

func pathActivity(a *App, r *http.Request) (string, error) {
	act, err := a.progress.Store.LoadActivity(r.Context(), r.PathValue("id"))
	if err != nil {
		return "", err
	}
	return act.PlanAgency, nil
}

// pathResult is the unit that recorded the result: the office above it reviews it,
// the unit itself fixes it, other units do not see it.
func pathResult(a *App, r *http.Request) (string, error) {
	res, err := a.progress.Store.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		return "", err
	}
	return res.AgencyID, nil
}

func pathDifficulty(a *App, r *http.Request) (string, error) {
	d, _, err := a.progress.Store.Difficulty(r.Context(), r.PathValue("id"))
	if err != nil {
		return "", err
	}
	return d.AgencyID, nil
}

func pathInspection(a *App, r *http.Request) (string, error) {
	in, err := a.progress.Store.Inspection(r.Context(), r.PathValue("id"))
	if err != nil {
		return "", err
	}
	return in.AgencyID, nil
}

func pathReport(a *App, r *http.Request) (string, error) {
	rep, err := a.reports.Store.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		return "", err
	}
	return rep.AgencyID, nil
}

// pathRecipient is the agency a report was sent to: it reads the report, not the
// agency that wrote it.
func pathRecipient(a *App, r *http.Request) (string, error) {
	rep, err := a.reports.Store.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		return "", err
	}
	if rep.RecipientID == "" {
		return "", store.ErrNotFound
	}
	return rep.RecipientID, nil
}

// activityOwner is the agency whose plan holds the activity a form names.
func activityOwner(a *App, r *http.Request) (string, error) {
	return remind.ActivityOwner(r.Context(), a.DB.Read(), r.PostFormValue("activity_id"))
}

func formAgency(name string) func(*App, *http.Request) (string, error) {
	return func(a *App, r *http.Request) (string, error) { return r.PostFormValue(name), nil }
}

func pathLibraryDoc(a *App, r *http.Request) (string, error) {
	e, err := a.libraryHTTP.Store.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		return "", err
	}
	return e.OwnerAgencyID, nil
}

// maxFormBytes bounds an ordinary form; file uploads set their own limits.
const maxFormBytes = 1 << 20

// guard applies the one permission check before a route's handler: sign-in, then
// auth.Can for the route's action at its scope. A POST also carries its form token
// into the transaction that writes, so it cannot be written twice.
func (a *App) guard(rt Route) http.Handler {
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		me := auth.FromContext(ctx)
		if r.Method == http.MethodPost {
			limit := rt.MaxBytes
			if limit == 0 {
				limit = maxFormBytes
			}
			r.Body = http.MaxBytesReader(w, r.Body, limit)
			var err error
			if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
				err = r.ParseMultipartForm(8 << 20)
			} else {
				err = r.ParseForm()
			}
			if err != nil {
				a.Render.Error(w, r, http.StatusRequestEntityTooLarge)
				return
			}
		}
		if rt.Action != auth.ActPublic {
			if !me.SignedIn() {
				if r.Method == http.MethodGet {
					http.Redirect(w, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
				} else {
					a.Render.Error(w, r, http.StatusForbidden)
				}
				return
			}
			var ancestry []string
			if rt.Scope != nil {
				id, err := rt.Scope(a, r)
				switch {
				case err == store.ErrNotFound:
					a.Render.Error(w, r, http.StatusNotFound)
					return
				case err != nil:
					a.Log.Error("scope", "err", err)
					a.Render.Error(w, r, http.StatusInternalServerError)
					return
				case id == "":
					// Acting at the top level (a new root agency) needs the action at a root.
					ancestry, err = a.Agencies.Roots(ctx)
				default:
					ancestry, err = a.Agencies.Ancestry(ctx, id)
					if err == nil && len(ancestry) == 0 {
						a.Render.Error(w, r, http.StatusNotFound)
						return
					}
				}
				if err != nil {
					a.Render.Error(w, r, http.StatusInternalServerError)
					return
				}
				if ancestry == nil {
					ancestry = []string{}
				}
			}
			if !auth.Can(me, rt.Action, ancestry) {
				a.Render.Error(w, r, http.StatusForbidden)
				return
			}
		}
		if r.Method == http.MethodPost && me.SignedIn() {
			ctx = store.WithFormToken(ctx, r.PostFormValue(web.FormTokenField), me.User.ID)
		}
		rt.Handler(w, r.WithContext(ctx))
	})
	return a.authHTTP.Identify(h)
}

// topLevel scopes an action to the installation as a whole: the guard then asks for it
// at a top-level agency.
func topLevel(*App, *http.Request) (string, error) { return "", nil }

// pathIndicator is the agency that tracks the indicator; "" (the installation's own,
// such as the four national ones) makes the guard ask for the action at a root.
func pathIndicator(a *App, r *http.Request) (string, error) {
	ind, err := a.indicatorHTTP.Store.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		return "", err
	}
	return ind.OwnerAgencyID, nil
}

// pathIndicatorValue is the agency a value measures: its office corrects it.
func pathIndicatorValue(a *App, r *http.Request) (string, error) {
	v, err := a.indicatorHTTP.Store.Value(r.Context(), r.PathValue("id"), r.PathValue("vid"))
	if err != nil {
		return "", err
	}
	return v.AgencyID, nil
}

// pathIndicatorTarget is the agency that set the target.
func pathIndicatorTarget(a *App, r *http.Request) (string, error) {
	t, err := a.indicatorHTTP.Store.Target(r.Context(), r.PathValue("id"), r.PathValue("tid"))
	if err != nil {
		return "", err
	}
	return t.AgencyID, nil
}

// pathSurvey is the agency that runs the survey.
func pathSurvey(a *App, r *http.Request) (string, error) {
	return a.surveyHTTP.Store.Owner(r.Context(), r.PathValue("id"))
}

// maxArticleBytes bounds an article form: its text, an image and a file.
const maxArticleBytes = portal.MaxImageBytes + portal.MaxFileBytes + 1<<20

// pathArticle is the agency an article belongs to.
func pathArticle(a *App, r *http.Request) (string, error) {
	return a.portalHTTP.Store.OwnerOf(r.Context(), r.PathValue("id"))
}

// pathFeedback is the agency that answers the feedback now: its assigned unit, else
// the agency that received it. Reading and answering happen there and above.
func pathFeedback(a *App, r *http.Request) (string, error) {
	return a.feedbackHTTP.Store.HandlerOf(r.Context(), r.PathValue("id"))
}

// pathFeedbackOwner is the agency that received the feedback: it assigns, rejects and
// publishes.
func pathFeedbackOwner(a *App, r *http.Request) (string, error) {
	return a.feedbackHTTP.Store.Owner(r.Context(), r.PathValue("id"))
}

// pathFeedbackTemplate is the agency whose answer template it is.
func pathFeedbackTemplate(a *App, r *http.Request) (string, error) {
	return a.feedbackHTTP.Store.TemplateAgency(r.Context(), r.PathValue("tid"))
}
