package app

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"loa/internal/indicator"
	"loa/internal/library"
	"loa/internal/portal"
	"loa/internal/store"
	"loa/internal/store/storetest"
)

// roles of the demo accounts, and "" for a visitor without an account.
var demoUsers = []string{"quantri", "vanphong", "donvi", "lanhdao", "bientap", "duyettin", "xem", ""}

// who lists the demo accounts a route admits.
type who []string

var (
	everyone = who{"quantri", "vanphong", "donvi", "lanhdao", "bientap", "duyettin", "xem", ""}
	signedIn = who{"quantri", "vanphong", "donvi", "lanhdao", "bientap", "duyettin", "xem"}
	admins   = who{"quantri"}
	// drafters write and issue plans (office); approvers approve them (leaders).
	drafters  = who{"quantri", "vanphong"}
	approvers = who{"quantri", "lanhdao"}
	// recorders record results for the information centre; managers review them.
	recorders = who{"quantri", "vanphong", "donvi"}
	managers  = who{"quantri", "vanphong"}
	// overseers see every department's plans and reports at the city's level.
	overseers = who{"quantri", "vanphong", "lanhdao", "bientap", "duyettin", "xem"}
	// editors write and publish on the public portal.
	editors = who{"quantri", "bientap", "duyettin"}
	// answerers answer citizens' feedback assigned to their unit.
	answerers = who{"quantri", "vanphong", "donvi", "bientap", "duyettin"}
	// surveyors run the public surveys.
	surveyors = who{"quantri", "vanphong", "bientap", "duyettin"}
)

// TestEveryRouteAdmitsExactlyTheRolesItShould walks the whole route table with every
// demo role and checks that the guard lets through exactly the expected ones. A new
// route without a line here fails the test.
func TestEveryRouteAdmitsExactlyTheRolesItShould(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		skhcn, ttt := s.agencyID("SKHCN"), s.agencyID("SKHCN/TTTT")
		donvi := s.userID("donvi")
		planID := s.demoPlanID()
		stale := url.Values{"row_version": {"0"}}
		work := s.seedWork()
		doc := s.addDocument("SKHCN", "15/KH-SKHCN", "05/01/2024", "Sở Khoa học và Công nghệ", "Thông tin, tuyên truyền CCHC năm 2024", library.ScopeOwn).ID
		par, err := s.app.indicatorHTTP.Store.ByCode(context.Background(), "", indicator.CodePAR)
		if err != nil {
			t.Fatal(err)
		}
		parSKHCN, err := s.app.indicatorHTTP.Store.Series(context.Background(), par, skhcn)
		if err != nil || parSKHCN.Latest() == nil || parSKHCN.NextTarget() == nil {
			t.Fatalf("the demo's PAR Index of the department: %v", err)
		}
		parValue, parTarget := parSKHCN.Latest().Value.ID, parSKHCN.NextTarget().ID
		openSurveys, closedSurveys, err := s.app.surveyHTTP.Store.Public(context.Background(), time.Now())
		if err != nil || len(openSurveys) == 0 || len(closedSurveys) == 0 {
			t.Fatalf("demo surveys: %v", err)
		}
		openSv, closedSv := openSurveys[0], closedSurveys[0]
		closedFull, err := s.app.surveyHTTP.Store.Get(context.Background(), closedSv.ID)
		if err != nil {
			t.Fatal(err)
		}
		textQ := closedFull.Questions[len(closedFull.Questions)-1].ID
		svo, svc := "/surveys/"+openSv.ID, "/surveys/"+closedSv.ID
		waiting, _, err := s.app.portalHTTP.Store.List(context.Background(), portal.Filter{State: portal.StateSubmitted, Limit: 1})
		if err != nil || len(waiting) == 0 {
			t.Fatalf("the demo's article waiting for review: %v", err)
		}
		art := "/portal/" + waiting[0].ID
		news, _, err := s.app.portalHTTP.Store.Published(context.Background(), portal.KindNews, 1, 0)
		if err != nil || len(news) == 0 {
			t.Fatalf("the demo's news: %v", err)
		}
		slug := news[0].Slug
		var fbUnit, fbPub, fbTpl string // the demo's item assigned to TTTT, the published one, a template
		for q, dst := range map[string]*string{
			`SELECT f.id FROM feedback f JOIN agencies u ON u.id = f.unit_id WHERE u.abbr = 'TTTT' ORDER BY f.id LIMIT 1`: &fbUnit,
			`SELECT id FROM feedback WHERE status = 'published' ORDER BY id LIMIT 1`:                                      &fbPub,
			`SELECT id FROM feedback_templates ORDER BY id LIMIT 1`:                                                       &fbTpl,
		} {
			if err := db.Read().QueryRowContext(context.Background(), q).Scan(dst); err != nil {
				t.Fatalf("demo feedback: %v", err)
			}
		}
		zero := strings.Repeat("0", 64)
		// Each case gives concrete paths and a form that passes the guard but fails
		// validation, so an admitted request changes nothing for the next one.
		cases := map[string]struct {
			path string
			form url.Values
			who  who
		}{
			"GET /{$}":                                           {"/", nil, everyone},
			"GET /app":                                           {"/app", nil, signedIn},
			"GET /calendar":                                      {"/calendar?year=2025", nil, signedIn},
			"POST /calendar/holidays":                            {"/calendar/holidays", url.Values{"year": {"2025"}, "on": {"31/12/2024"}, "kind": {"holiday"}}, admins},
			"POST /calendar/holidays/{id}/delete":                {"/calendar/holidays/none/delete", url.Values{}, admins},
			"GET /calendar/deadlines":                            {"/calendar/deadlines?year=2025", nil, signedIn},
			"POST /calendar/deadlines":                           {"/calendar/deadlines", url.Values{"year": {"2025"}, "rows": {"1"}, "relation_0": {"Not a code"}}, admins},
			"GET /plans/{id}/evidence":                           {"/plans/" + planID + "/evidence?period=2024-Q1", nil, signedIn},
			"GET /plans/{id}/evidence.zip":                       {"/plans/" + planID + "/evidence.zip?period=2024-Q1", nil, signedIn},
			"GET /oversight":                                     {"/oversight?period=2024-Q1", nil, overseers},
			"GET /oversight/export.xlsx":                         {"/oversight/export.xlsx?period=2024-Q1", nil, overseers},
			"GET /indicators":                                    {"/indicators", nil, signedIn},
			"GET /indicators/export.xlsx":                        {"/indicators/export.xlsx", nil, signedIn},
			"GET /indicators/new":                                {"/indicators/new", nil, managers},
			"POST /indicators":                                   {"/indicators", url.Values{"owner_agency_id": {skhcn}, "name": {""}}, managers},
			"GET /indicators/{id}":                               {"/indicators/" + par.ID, nil, signedIn},
			"GET /indicators/{id}/edit":                          {"/indicators/" + par.ID + "/edit", nil, admins},
			"POST /indicators/{id}":                              {"/indicators/" + par.ID, stale, admins},
			"GET /indicators/{id}/values/new":                    {"/indicators/" + par.ID + "/values/new", nil, managers},
			"POST /indicators/{id}/values":                       {"/indicators/" + par.ID + "/values", url.Values{"agency_id": {skhcn}, "value": {""}}, managers},
			"GET /indicators/{id}/values/{vid}/edit":             {"/indicators/" + par.ID + "/values/" + parValue + "/edit", nil, managers},
			"POST /indicators/{id}/values/{vid}":                 {"/indicators/" + par.ID + "/values/" + parValue, stale, managers},
			"POST /indicators/{id}/values/{vid}/delete":          {"/indicators/" + par.ID + "/values/" + parValue + "/delete", stale, managers},
			"GET /indicators/{id}/targets/new":                   {"/indicators/" + par.ID + "/targets/new", nil, managers},
			"POST /indicators/{id}/targets":                      {"/indicators/" + par.ID + "/targets", url.Values{"agency_id": {skhcn}, "year": {""}}, managers},
			"GET /indicators/{id}/targets/{tid}/edit":            {"/indicators/" + par.ID + "/targets/" + parTarget + "/edit", nil, managers},
			"POST /indicators/{id}/targets/{tid}":                {"/indicators/" + par.ID + "/targets/" + parTarget, stale, managers},
			"POST /indicators/{id}/targets/{tid}/delete":         {"/indicators/" + par.ID + "/targets/" + parTarget + "/delete", stale, managers},
			"GET /plans/{id}/indicators":                         {"/plans/" + planID + "/indicators", nil, managers},
			"POST /plans/{id}/indicators":                        {"/plans/" + planID + "/indicators", url.Values{"link": {"none:none"}}, managers},
			"GET /surveys":                                       {"/surveys", nil, surveyors},
			"GET /surveys/new":                                   {"/surveys/new", nil, surveyors},
			"POST /surveys":                                      {"/surveys", url.Values{"agency_id": {skhcn}, "title": {""}}, surveyors},
			"GET /surveys/{id}":                                  {svo, nil, surveyors},
			"GET /surveys/{id}/edit":                             {svo + "/edit", nil, surveyors},
			"POST /surveys/{id}":                                 {svo, url.Values{"title": {""}}, surveyors},
			"GET /surveys/{id}/questions/new":                    {svo + "/questions/new?kind=scale", nil, surveyors},
			"POST /surveys/{id}/questions":                       {svo + "/questions", url.Values{"kind": {"text"}, "text": {"x"}}, surveyors},
			"POST /surveys/{id}/questions/order":                 {svo + "/questions/order", url.Values{"op": {"bad"}}, surveyors},
			"GET /surveys/{id}/questions/{qid}":                  {svc + "/questions/" + textQ, nil, surveyors},
			"POST /surveys/{id}/questions/{qid}":                 {svc + "/questions/" + textQ, url.Values{"text": {""}}, surveyors},
			"GET /surveys/{id}/preview":                          {svo + "/preview", nil, surveyors},
			"POST /surveys/{id}/open":                            {svo + "/open", url.Values{}, surveyors},
			"POST /surveys/{id}/close":                           {svc + "/close", url.Values{}, surveyors},
			"POST /surveys/{id}/draft":                           {svc + "/draft", url.Values{}, surveyors},
			"GET /surveys/{id}/codes":                            {svo + "/codes", nil, surveyors},
			"POST /surveys/{id}/codes":                           {svo + "/codes", url.Values{"count": {"0"}}, surveyors},
			"GET /surveys/{id}/codes/export/{format}":            {svo + "/codes/export/csv", nil, surveyors},
			"GET /surveys/{id}/results":                          {svc + "/results", nil, surveyors},
			"GET /surveys/{id}/results/export/{format}":          {svc + "/results/export/xlsx", nil, surveyors},
			"GET /surveys/{id}/results/{qid}":                    {svc + "/results/" + textQ, nil, surveyors},
			"GET /khao-sat":                                      {"/khao-sat", nil, everyone},
			"GET /khao-sat/{slug}":                               {"/khao-sat/" + openSv.Slug, nil, everyone},
			"POST /khao-sat/{slug}":                              {"/khao-sat/" + openSv.Slug, url.Values{}, everyone},
			"GET /khao-sat/{slug}/cam-on":                        {"/khao-sat/" + openSv.Slug + "/cam-on", nil, everyone},
			"GET /khao-sat/{slug}/ket-qua":                       {"/khao-sat/" + closedSv.Slug + "/ket-qua", nil, everyone},
			"GET /tin-tuc":                                       {"/tin-tuc", nil, everyone},
			"GET /tin-tuc/rss.xml":                               {"/tin-tuc/rss.xml", nil, everyone},
			"GET /tin-tuc/atom.xml":                              {"/tin-tuc/atom.xml", nil, everyone},
			"GET /thu-tuc":                                       {"/thu-tuc", nil, everyone},
			"GET /thu-tuc/rss.xml":                               {"/thu-tuc/rss.xml", nil, everyone},
			"GET /thu-tuc/atom.xml":                              {"/thu-tuc/atom.xml", nil, everyone},
			"GET /an-pham":                                       {"/an-pham", nil, everyone},
			"GET /an-pham/rss.xml":                               {"/an-pham/rss.xml", nil, everyone},
			"GET /an-pham/atom.xml":                              {"/an-pham/atom.xml", nil, everyone},
			"GET /dien-hinh":                                     {"/dien-hinh", nil, everyone},
			"GET /dien-hinh/rss.xml":                             {"/dien-hinh/rss.xml", nil, everyone},
			"GET /dien-hinh/atom.xml":                            {"/dien-hinh/atom.xml", nil, everyone},
			"GET /tin-tuc/{slug}":                                {"/tin-tuc/" + slug, nil, everyone},
			"GET /thu-tuc/{slug}":                                {"/thu-tuc/x", nil, everyone},
			"GET /an-pham/{slug}":                                {"/an-pham/x", nil, everyone},
			"GET /dien-hinh/{slug}":                              {"/dien-hinh/x", nil, everyone},
			"GET /an-pham/{slug}/tep":                            {"/an-pham/x/tep", nil, everyone},
			"GET /trang/{slug}":                                  {"/trang/gioi-thieu", nil, everyone},
			"GET /lien-he":                                       {"/lien-he", nil, everyone},
			"GET /van-ban":                                       {"/van-ban?year=2024", nil, everyone},
			"GET /van-ban/{id}":                                  {"/van-ban/" + doc, nil, everyone},
			"GET /van-ban/{id}/tep":                              {"/van-ban/" + doc + "/tep", nil, everyone},
			"GET /anh/{hash}":                                    {"/anh/" + strings.Repeat("0", 64), nil, everyone},
			"GET /sitemap.xml":                                   {"/sitemap.xml", nil, everyone},
			"GET /portal":                                        {"/portal", nil, editors},
			"GET /portal/review":                                 {"/portal/review", nil, editors},
			"GET /portal/new":                                    {"/portal/new", nil, editors},
			"POST /portal":                                       {"/portal", url.Values{"owner_agency_id": {skhcn}, "kind": {"news"}, "title": {""}}, editors},
			"GET /portal/images":                                 {"/portal/images", nil, editors},
			"POST /portal/images":                                {"/portal/images", url.Values{}, editors},
			"GET /portal/{id}":                                   {art, nil, editors},
			"GET /portal/{id}/edit":                              {art + "/edit", nil, editors},
			"POST /portal/{id}":                                  {art, stale, editors},
			"POST /portal/{id}/submit":                           {art + "/submit", stale, editors},
			"POST /portal/{id}/return":                           {art + "/return", url.Values{"comment": {""}}, editors},
			"POST /portal/{id}/publish":                          {art + "/publish", stale, editors},
			"POST /portal/{id}/withdraw":                         {art + "/withdraw", url.Values{"reason": {""}}, editors},
			"GET /portal/{id}/versions":                          {art + "/versions", nil, editors},
			"GET /portal/{id}/versions/{n}":                      {art + "/versions/1", nil, editors},
			"GET /portal/{id}/file":                              {art + "/file", nil, editors},
			"GET /library/{id}/file":                             {"/library/" + doc + "/file", nil, libraryEditors},
			"POST /library/{id}/file":                            {"/library/" + doc + "/file", url.Values{}, libraryEditors},
			"POST /library/{id}/file/remove":                     {"/library/" + doc + "/file/remove", url.Values{}, libraryEditors},
			"GET /tim-kiem":                                      {"/tim-kiem?q=cai+cach+hanh+chinh", nil, everyone},
			"GET /tim-kiem.json":                                 {"/tim-kiem.json?q=cai+cach", nil, everyone},
			"GET /phan-anh":                                      {"/phan-anh", nil, everyone},
			"POST /phan-anh":                                     {"/phan-anh", url.Values{"name": {""}}, everyone},
			"GET /phan-anh/tra-cuu":                              {"/phan-anh/tra-cuu", nil, everyone},
			"POST /phan-anh/tra-cuu":                             {"/phan-anh/tra-cuu", url.Values{"ma": {"PA-2026-AAAAA"}}, everyone},
			"GET /phan-anh/tep/{token}":                          {"/phan-anh/tep/x", nil, everyone},
			"GET /hoi-dap":                                       {"/hoi-dap", nil, everyone},
			"GET /hoi-dap/{id}":                                  {"/hoi-dap/" + fbPub, nil, everyone},
			"GET /hoi-dap/{id}/tep/{hash}":                       {"/hoi-dap/" + fbPub + "/tep/" + zero, nil, everyone},
			"GET /feedback":                                      {"/feedback?status=open", nil, answerers},
			"GET /feedback/export.csv":                           {"/feedback/export.csv", nil, answerers},
			"GET /feedback/{id}":                                 {"/feedback/" + fbUnit, nil, answerers},
			"POST /feedback/{id}/assign":                         {"/feedback/" + fbUnit + "/assign", stale, surveyors},
			"POST /feedback/{id}/answer":                         {"/feedback/" + fbUnit + "/answer", stale, answerers},
			"POST /feedback/{id}/reject":                         {"/feedback/" + fbUnit + "/reject", stale, surveyors},
			"POST /feedback/{id}/publish":                        {"/feedback/" + fbUnit + "/publish", stale, surveyors},
			"POST /feedback/{id}/unpublish":                      {"/feedback/" + fbUnit + "/unpublish", stale, surveyors},
			"GET /feedback/{id}/files/{hash}":                    {"/feedback/" + fbUnit + "/files/" + zero, nil, answerers},
			"GET /feedback/templates":                            {"/feedback/templates", nil, answerers},
			"GET /feedback/templates/new":                        {"/feedback/templates/new", nil, answerers},
			"POST /feedback/templates":                           {"/feedback/templates", url.Values{"agency_id": {skhcn}}, surveyors},
			"GET /feedback/templates/{tid}":                      {"/feedback/templates/" + fbTpl, nil, surveyors},
			"POST /feedback/templates/{tid}/edit":                {"/feedback/templates/" + fbTpl + "/edit", stale, surveyors},
			"POST /feedback/templates/{tid}/delete":              {"/feedback/templates/" + fbTpl + "/delete", stale, surveyors},
			"GET /login":                                         {"/login", nil, everyone},
			"POST /login":                                        {"/login", url.Values{"username": {"x"}}, everyone},
			"POST /logout":                                       {"/logout", url.Values{}, everyone},
			"POST /lang":                                         {"/lang", url.Values{"to": {"vi"}}, everyone},
			"GET /account/password":                              {"/account/password", nil, signedIn},
			"POST /account/password":                             {"/account/password", url.Values{"new": {"a"}, "again": {"b"}}, signedIn},
			"GET /agencies":                                      {"/agencies", nil, signedIn},
			"GET /agencies/search":                               {"/agencies/search?q=so", nil, signedIn},
			"GET /agencies/new":                                  {"/agencies/new?parent=" + skhcn, nil, admins},
			"POST /agencies":                                     {"/agencies", url.Values{"parent_id": {skhcn}}, admins},
			"GET /agencies/{id}":                                 {"/agencies/" + ttt, nil, signedIn},
			"GET /agencies/{id}/edit":                            {"/agencies/" + ttt + "/edit", nil, admins},
			"POST /agencies/{id}":                                {"/agencies/" + ttt, url.Values{"name": {""}}, admins},
			"GET /agencies/{id}/move":                            {"/agencies/" + ttt + "/move", nil, admins},
			"POST /agencies/{id}/move":                           {"/agencies/" + ttt + "/move", url.Values{"from": {"not a date"}}, admins},
			"GET /agencies/{id}/merge":                           {"/agencies/" + ttt + "/merge", nil, admins},
			"POST /agencies/{id}/merge":                          {"/agencies/" + ttt + "/merge", url.Values{"from": {"not a date"}}, admins},
			"GET /users":                                         {"/users", nil, admins},
			"GET /users/new":                                     {"/users/new", nil, admins},
			"POST /users":                                        {"/users", url.Values{"agency_id": {ttt}}, admins},
			"GET /users/{id}":                                    {"/users/" + donvi, nil, admins},
			"POST /users/{id}":                                   {"/users/" + donvi, url.Values{"full_name": {""}, "agency_id": {ttt}}, admins},
			"POST /users/{id}/roles":                             {"/users/" + donvi + "/roles", url.Values{"role_agency_id": {ttt}, "role": {"nope"}}, admins},
			"POST /users/{id}/roles/{mid}/revoke":                {"/users/" + donvi + "/roles/none/revoke", url.Values{}, admins},
			"POST /users/{id}/disabled":                          {"/users/" + donvi + "/disabled", url.Values{"disabled": {"0"}}, admins},
			"POST /users/{id}/password":                          {"/users/" + donvi + "/password", url.Values{"password": {"short"}}, admins},
			"GET /audit":                                         {"/audit", nil, admins},
			"GET /notifications":                                 {"/notifications", nil, signedIn},
			"POST /notifications/read":                           {"/notifications/read", url.Values{"id": {"none"}}, signedIn},
			"GET /plans":                                         {"/plans", nil, signedIn},
			"GET /plans/new":                                     {"/plans/new", nil, drafters},
			"POST /plans":                                        {"/plans", url.Values{"agency_id": {skhcn}, "year": {"2025"}}, drafters},
			"POST /plans/import":                                 {"/plans/import", url.Values{"agency_id": {skhcn}}, drafters},
			"GET /plans/{id}":                                    {"/plans/" + planID, nil, signedIn},
			"GET /plans/{id}/edit":                               {"/plans/" + planID + "/edit", nil, drafters},
			"POST /plans/{id}/edit/{section}":                    {"/plans/" + planID + "/edit/summary", stale, drafters},
			"POST /plans/{id}/submit":                            {"/plans/" + planID + "/submit", stale, drafters},
			"POST /plans/{id}/return":                            {"/plans/" + planID + "/return", stale, approvers},
			"POST /plans/{id}/approve":                           {"/plans/" + planID + "/approve", stale, approvers},
			"POST /plans/{id}/issue":                             {"/plans/" + planID + "/issue", url.Values{"row_version": {"0"}, "date": {"x"}}, drafters},
			"POST /plans/{id}/start":                             {"/plans/" + planID + "/start", stale, drafters},
			"POST /plans/{id}/close":                             {"/plans/" + planID + "/close", stale, drafters},
			"POST /plans/{id}/amend":                             {"/plans/" + planID + "/amend", stale, drafters},
			"GET /plans/{id}/export/{format}":                    {"/plans/" + planID + "/export/json", nil, signedIn},
			"GET /plans/{id}/diff":                               {"/plans/" + planID + "/diff", nil, signedIn},
			"GET /plans/{id}/preview":                            {"/plans/" + planID + "/preview", nil, signedIn},
			"GET /work":                                          {"/work", nil, recorders},
			"GET /plans/{id}/timeline":                           {"/plans/" + planID + "/timeline", nil, signedIn},
			"GET /plans/{id}/progress":                           {"/plans/" + planID + "/progress", nil, signedIn},
			"GET /plans/{id}/progress.xlsx":                      {"/plans/" + planID + "/progress.xlsx", nil, signedIn},
			"GET /activities/{id}/results/new":                   {"/activities/" + work.activity + "/results/new", nil, recorders},
			"POST /activities/{id}/results":                      {"/activities/" + work.activity + "/results", url.Values{"agency_id": {ttt}}, recorders},
			"POST /activities/{id}/exempt":                       {"/activities/" + work.activity + "/exempt", url.Values{"reason": {""}}, managers},
			"POST /activities/{id}/unexempt":                     {"/activities/" + work.activity + "/unexempt", url.Values{}, managers},
			"GET /review":                                        {"/review", nil, managers},
			"GET /results/{id}":                                  {"/results/" + work.result, nil, signedIn},
			"GET /results/{id}/edit":                             {"/results/" + work.result + "/edit", nil, recorders},
			"POST /results/{id}":                                 {"/results/" + work.result, stale, recorders},
			"POST /results/{id}/accept":                          {"/results/" + work.result + "/accept", stale, managers},
			"POST /results/{id}/return":                          {"/results/" + work.result + "/return", stale, managers},
			"POST /results/{id}/reopen":                          {"/results/" + work.result + "/reopen", stale, managers},
			"GET /results/{id}/files/{hash}":                     {"/results/" + work.result + "/files/none", nil, signedIn},
			"GET /difficulties":                                  {"/difficulties", nil, signedIn},
			"GET /difficulties/new":                              {"/difficulties/new", nil, recorders},
			"POST /difficulties":                                 {"/difficulties", url.Values{"agency_id": {ttt}}, recorders},
			"GET /difficulties/{id}":                             {"/difficulties/" + work.difficulty, nil, signedIn},
			"POST /difficulties/{id}/answer":                     {"/difficulties/" + work.difficulty + "/answer", stale, managers},
			"POST /difficulties/{id}/escalate":                   {"/difficulties/" + work.difficulty + "/escalate", stale, managers},
			"POST /difficulties/{id}/close":                      {"/difficulties/" + work.difficulty + "/close", stale, recorders},
			"POST /difficulties/{id}/reopen":                     {"/difficulties/" + work.difficulty + "/reopen", stale, recorders},
			"GET /reports":                                       {"/reports", nil, signedIn},
			"POST /reports":                                      {"/reports", url.Values{"agency_id": {skhcn}, "period": {"x"}}, drafters},
			"GET /reports/{id}":                                  {"/reports/" + work.report, nil, signedIn},
			"POST /reports/{id}/edit":                            {"/reports/" + work.report + "/edit", stale, drafters},
			"POST /reports/{id}/submit":                          {"/reports/" + work.report + "/submit", stale, drafters},
			"POST /reports/{id}/return":                          {"/reports/" + work.report + "/return", stale, approvers},
			"POST /reports/{id}/approve":                         {"/reports/" + work.report + "/approve", stale, approvers},
			"POST /reports/{id}/issue":                           {"/reports/" + work.report + "/issue", url.Values{"row_version": {"0"}, "date": {"x"}}, drafters},
			"POST /reports/{id}/send":                            {"/reports/" + work.report + "/send", stale, drafters},
			"POST /reports/{id}/reopen":                          {"/reports/" + work.report + "/reopen", stale, drafters},
			"GET /reports/{id}/export/{format}":                  {"/reports/" + work.report + "/export/json", nil, signedIn},
			"GET /received":                                      {"/received", nil, signedIn},
			"GET /received/{id}":                                 {"/received/" + work.report, nil, admins},
			"GET /received/{id}/export/{format}":                 {"/received/" + work.report + "/export/csv", nil, admins},
			"GET /reminders":                                     {"/reminders", nil, signedIn},
			"GET /reminders/rules":                               {"/reminders/rules", nil, managers},
			"POST /reminders/rules":                              {"/reminders/rules", url.Values{"agency_id": {skhcn}, "rows": {"1"}, "kind_0": {"before_end"}, "days_0": {"0"}}, managers},
			"POST /reminders/urge":                               {"/reminders/urge", url.Values{"activity_id": {work.activity}, "agency_id": {""}}, managers},
			"POST /reminders/sweep":                              {"/reminders/sweep", url.Values{}, managers},
			"GET /inspections":                                   {"/inspections", nil, signedIn},
			"GET /inspections/new":                               {"/inspections/new", nil, managers},
			"POST /inspections":                                  {"/inspections", url.Values{"agency_id": {ttt}}, managers},
			"GET /inspections/{id}":                              {"/inspections/" + work.inspection, nil, signedIn},
			"POST /inspections/{id}/recommendations/{rid}/close": {"/inspections/" + work.inspection + "/recommendations/" + work.recommendation + "/close", url.Values{}, managers},
			"GET /library":                                       {"/library?q=ke+hoach&scope=own", nil, signedIn},
			"GET /library/export.xlsx":                           {"/library/export.xlsx?year=2024", nil, signedIn},
			"GET /library/new":                                   {"/library/new?citation=" + url.QueryEscape("Chỉ thị số 23/CT-TTg ngày 02/9/2021"), nil, libraryEditors},
			"POST /library":                                      {"/library", url.Values{"owner_agency_id": {skhcn}, "summary": {""}}, libraryEditors},
			"GET /library/{id}":                                  {"/library/" + doc, nil, signedIn},
			"GET /library/{id}/edit":                             {"/library/" + doc + "/edit", nil, libraryEditors},
			"POST /library/{id}":                                 {"/library/" + doc, url.Values{"row_version": {"1"}, "summary": {""}}, libraryEditors},
		}
		clients := map[string]*client{}
		for _, u := range demoUsers {
			if u == "" {
				clients[u] = s.anonymous()
			} else {
				clients[u] = s.as(u)
			}
		}
		for _, rt := range s.app.Routes() {
			key := rt.Method + " " + rt.Pattern
			c, ok := cases[key]
			if !ok {
				t.Errorf("route %s has no line in the role test", key)
				continue
			}
			delete(cases, key)
			for _, u := range demoUsers {
				if key == "POST /logout" && u != "" {
					continue // signing out would end the session the other lines use
				}
				var res response
				if rt.Method == "GET" {
					res = clients[u].get(c.path)
				} else {
					res = clients[u].post(c.path, c.form)
				}
				admitted := res.status != http.StatusForbidden && !strings.HasPrefix(res.location, "/login")
				if key == "POST /login" || key == "GET /login" || key == "POST /logout" {
					admitted = res.status != http.StatusForbidden
				}
				want := false
				for _, w := range c.who {
					if w == u {
						want = true
					}
				}
				if admitted != want || res.status >= 500 {
					t.Errorf("%s as %q: status %d (location %q), want admitted=%v", key, u, res.status, res.location, want)
				}
			}
		}
		for key := range cases {
			t.Errorf("role test names %s, which is not a route", key)
		}
	})
}

func TestAnAdminOfADepartmentManagesItsSubtreeOnly(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		admin := s.as("quantri")
		// Give the office specialist the admin role at the department only.
		res := admin.post("/users/"+s.userID("vanphong")+"/roles", url.Values{"role": {"admin"}, "role_agency_id": {s.agencyID("SKHCN")}})
		if res.status != http.StatusSeeOther {
			t.Fatalf("grant: %d %s", res.status, res.body)
		}
		vp := s.as("vanphong")
		if got := vp.get("/agencies/" + s.agencyID("SKHCN/TTTT") + "/edit").status; got != http.StatusOK {
			t.Errorf("department admin editing its centre: %d", got)
		}
		if got := vp.get("/agencies/" + s.agencyID("SNV") + "/edit").status; got != http.StatusForbidden {
			t.Errorf("department admin editing another department: %d", got)
		}
		if got := vp.get("/agencies/new").status; got != http.StatusForbidden {
			t.Errorf("department admin adding a top-level agency: %d", got)
		}
		list := vp.get("/users").body
		if !strings.Contains(list, "donvi") || strings.Contains(list, "quantri") {
			t.Errorf("department admin should list the department's users only")
		}
	})
}
