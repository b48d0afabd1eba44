// Package auth holds users, passwords, sessions and the one function that decides
// whether a user may do an action at an agency.
package auth

import "slices"

// Role is what a membership lets a user do at an agency and everywhere below it.
type Role string

const (
	RoleAdmin  Role = "admin"  // manages agencies, users and the installation
	RoleOffice Role = "office" // runs the agency's plans and reports (Văn phòng)
	RoleUnit   Role = "unit"   // records its unit's results
	RoleLeader Role = "leader" // approves plans and reports
	RoleEditor Role = "editor" // publishes on the public portal
	RoleViewer Role = "viewer" // reads
)

// Roles lists every role, in the order forms offer them.
var Roles = []Role{RoleAdmin, RoleOffice, RoleUnit, RoleLeader, RoleEditor, RoleViewer}

// Valid tells whether r is a known role.
func (r Role) Valid() bool { return slices.Contains(Roles, r) }

// Label is the catalogue key of r's name.
func (r Role) Label() string { return "role." + string(r) }

// Action is something a user may be allowed to do.
type Action string

const (
	// ActPublic needs no account; ActSignedIn needs one, whatever its roles.
	ActPublic   Action = "public"
	ActSignedIn Action = "signed_in"

	ActView         Action = "view"          // the internal pages of an agency
	ActAgencyManage Action = "agency.manage" // add, edit, move, merge agencies
	ActUserManage   Action = "user.manage"   // add users, give roles, disable
	ActAuditView    Action = "audit.view"    // browse the audit log

	ActPlanDraft   Action = "plan.draft"   // draft plans, submit them, start amendments
	ActPlanApprove Action = "plan.approve" // approve or return submitted plans
	ActPlanIssue   Action = "plan.issue"   // number and issue approved plans, start and close them
	ActLibraryEdit Action = "library.edit" // add and correct entries of the documents library

	ActOverview       Action = "progress.overview" // see every unit's figures of an agency's plans (a unit sees its own)
	ActResultRecord   Action = "result.record"     // record the unit's results and raise difficulties
	ActProgressManage Action = "progress.manage"   // review results, exempt activities, urge, inspect, answer difficulties

	ActPortalWrite    Action = "portal.write"    // draft articles and pages of the public portal
	ActPortalPublish  Action = "portal.publish"  // review another editor's draft, publish, schedule, withdraw
	ActFeedbackHandle Action = "feedback.handle" // assign citizens' feedback to units, publish questions and answers
	ActFeedbackAnswer Action = "feedback.answer" // answer the feedback assigned to one's unit
	ActSurveyManage   Action = "survey.manage"   // make surveys, open and close them, read their results
)

// grants says which actions each role has. It is the whole permission policy: routes
// name an action, and Can looks it up here.
var grants = map[Role][]Action{
	RoleAdmin: {ActView, ActAgencyManage, ActUserManage, ActAuditView, ActPlanDraft, ActPlanApprove, ActPlanIssue, ActLibraryEdit,
		ActResultRecord, ActProgressManage, ActOverview, ActPortalWrite, ActPortalPublish, ActFeedbackHandle, ActFeedbackAnswer, ActSurveyManage},
	RoleOffice: {ActView, ActPlanDraft, ActPlanIssue, ActLibraryEdit, ActResultRecord, ActProgressManage, ActOverview,
		ActFeedbackHandle, ActFeedbackAnswer, ActSurveyManage},
	RoleUnit:   {ActView, ActResultRecord, ActFeedbackAnswer},
	RoleLeader: {ActView, ActPlanApprove, ActOverview},
	RoleEditor: {ActView, ActLibraryEdit, ActOverview, ActPortalWrite, ActPortalPublish, ActFeedbackHandle, ActFeedbackAnswer, ActSurveyManage},
	RoleViewer: {ActView, ActOverview},
}

// Membership is a role at an agency, valid for its subtree.
type Membership struct {
	ID       string `json:"id"`
	UserID   string `json:"user_id"`
	AgencyID string `json:"agency_id"`
	Role     Role   `json:"role"`
}

// Principal is who is asking: a signed-in user with memberships, or nobody.
type Principal struct {
	User        *User
	Memberships []Membership
	// Above lists the agencies above the user's memberships. A unit sees what its
	// department issued for it (the plan it carries out), so viewing reaches upward too.
	Above []string
}

// Anonymous is the principal of a request without a session.
var Anonymous = &Principal{}

// SignedIn tells whether p is a user.
func (p *Principal) SignedIn() bool { return p != nil && p.User != nil }

// Can is the one permission check of Loa. It tells whether p may do action at the
// agency whose ancestry (the agency first, then its parent, up to the root) is given.
// A nil ancestry asks whether p may do action anywhere — for pages that list what p
// may see, which then filter by the same rule.
func Can(p *Principal, action Action, ancestry []string) bool {
	if action == ActPublic {
		return true
	}
	if !p.SignedIn() || p.User.Disabled {
		return false
	}
	if action == ActSignedIn {
		return true
	}
	for _, m := range p.Memberships {
		if !slices.Contains(grants[m.Role], action) {
			continue
		}
		if ancestry == nil || slices.Contains(ancestry, m.AgencyID) {
			return true
		}
	}
	// Reading (and only reading) also reaches the agencies above one's own.
	return action == ActView && len(ancestry) > 0 && len(p.Memberships) > 0 && slices.Contains(p.Above, ancestry[0])
}

// Reach lists the agencies at which p holds action: the roots of the subtrees p may
// act in.
func Reach(p *Principal, action Action) []string {
	if !p.SignedIn() || p.User.Disabled {
		return nil
	}
	var out []string
	for _, m := range p.Memberships {
		if slices.Contains(grants[m.Role], action) && !slices.Contains(out, m.AgencyID) {
			out = append(out, m.AgencyID)
		}
	}
	return out
}

// HasRole tells whether p holds role anywhere.
func (p *Principal) HasRole(r Role) bool {
	if !p.SignedIn() {
		return false
	}
	for _, m := range p.Memberships {
		if m.Role == r {
			return true
		}
	}
	return false
}
