package generate

import "loa/internal/agency"

// The city the dataset is set in: Cần Thơ, whose departments the demo and the sample
// plan already name, after its 2025 merger with Sóc Trăng and Hậu Giang.
const (
	city          = "Cần Thơ"
	cityDomain    = "cantho.gov.vn"
	rootName      = "Ủy ban nhân dân thành phố Cần Thơ"
	rootShortName = "UBND thành phố Cần Thơ"
	rootAbbr      = "UBND"
	// rootElectronicID follows the 13-character pattern of QĐ 20/2020/QĐ-TTg; the
	// departments and their units count up in the two middle groups.
	rootElectronicID = "000.00.00.H13"
)

// unitSpec is a sub-agency a department usually has.
type unitSpec struct {
	name string
	kind agency.Kind
}

// deptSpec is a department of the city with the units it typically runs. area
// names the units it keeps in the districts ("Trung tâm Y tế khu vực"), used when
// a dataset asks for more units than the department's own list holds.
type deptSpec struct {
	name, short, abbr string
	office            string
	slug              string // the first label of its website: syt.cantho.gov.vn
	units             []unitSpec
	area              string
}

// departments are the city's departments after the 2025 reorganisation, in the order
// a dataset takes them: a small dataset gets the first few.
var departments = []deptSpec{
	{"Sở Nội vụ", "Sở Nội vụ", "SNV", "Văn phòng Sở", "snv", []unitSpec{
		{"Phòng Cải cách hành chính", agency.KindDivision},
		{"Chi cục Văn thư - Lưu trữ", agency.KindSubDepartment},
		{"Ban Thi đua - Khen thưởng", agency.KindUnit},
		{"Trung tâm Dịch vụ việc làm", agency.KindCentre},
		{"Phòng Tổ chức, biên chế và tổ chức phi chính phủ", agency.KindDivision},
		{"Phòng Xây dựng chính quyền và công tác thanh niên", agency.KindDivision},
		{"Phòng Lao động - Việc làm", agency.KindDivision},
	}, "Trung tâm Dịch vụ việc làm khu vực"},
	{"Sở Tư pháp", "Sở Tư pháp", "STP", "Văn phòng Sở", "stp", []unitSpec{
		{"Phòng Phổ biến, giáo dục pháp luật", agency.KindDivision},
		{"Phòng Hành chính tư pháp", agency.KindDivision},
		{"Trung tâm Trợ giúp pháp lý nhà nước", agency.KindCentre},
		{"Trung tâm Dịch vụ đấu giá tài sản", agency.KindCentre},
		{"Phòng Xây dựng và kiểm tra văn bản quy phạm pháp luật", agency.KindDivision},
		{"Phòng Công chứng số 1", agency.KindUnit},
	}, "Chi nhánh Trợ giúp pháp lý khu vực"},
	{"Sở Tài chính", "Sở Tài chính", "STC", "Văn phòng Sở", "stc", []unitSpec{
		{"Phòng Quản lý ngân sách", agency.KindDivision},
		{"Phòng Đăng ký kinh doanh", agency.KindDivision},
		{"Trung tâm Xúc tiến đầu tư", agency.KindCentre},
		{"Phòng Quản lý giá và công sản", agency.KindDivision},
		{"Phòng Tài chính doanh nghiệp", agency.KindDivision},
		{"Phòng Tài chính đầu tư", agency.KindDivision},
	}, "Phòng Tài chính khu vực"},
	{"Sở Công Thương", "Sở Công Thương", "SCT", "Văn phòng Sở", "sct", []unitSpec{
		{"Chi cục Quản lý thị trường", agency.KindSubDepartment},
		{"Trung tâm Khuyến công và Tư vấn phát triển công nghiệp", agency.KindCentre},
		{"Trung tâm Xúc tiến thương mại", agency.KindCentre},
		{"Phòng Quản lý thương mại", agency.KindDivision},
		{"Phòng Quản lý năng lượng", agency.KindDivision},
		{"Phòng Quản lý công nghiệp", agency.KindDivision},
	}, "Đội Quản lý thị trường khu vực"},
	{"Sở Nông nghiệp và Môi trường", "Sở NN&MT", "SNNMT", "Văn phòng Sở", "snnmt", []unitSpec{
		{"Chi cục Thủy lợi", agency.KindSubDepartment},
		{"Chi cục Chăn nuôi và Thú y", agency.KindSubDepartment},
		{"Chi cục Trồng trọt và Bảo vệ thực vật", agency.KindSubDepartment},
		{"Trung tâm Khuyến nông", agency.KindCentre},
		{"Văn phòng Đăng ký đất đai", agency.KindUnit},
		{"Trung tâm Quan trắc tài nguyên và môi trường", agency.KindCentre},
		{"Chi cục Quản lý đất đai", agency.KindSubDepartment},
		{"Chi cục Kiểm lâm", agency.KindSubDepartment},
	}, "Trạm Khuyến nông khu vực"},
	{"Sở Xây dựng", "Sở Xây dựng", "SXD", "Văn phòng Sở", "sxd", []unitSpec{
		{"Phòng Quản lý xây dựng", agency.KindDivision},
		{"Phòng Quy hoạch - Kiến trúc", agency.KindDivision},
		{"Trung tâm Kiểm định xây dựng", agency.KindCentre},
		{"Phòng Quản lý giao thông", agency.KindDivision},
		{"Trung tâm Quản lý giao thông công cộng", agency.KindCentre},
		{"Phòng Quản lý nhà và thị trường bất động sản", agency.KindDivision},
	}, "Trung tâm Đăng kiểm khu vực"},
	{"Sở Giáo dục và Đào tạo", "Sở GD&ĐT", "SGDĐT", "Văn phòng Sở", "sgddt", []unitSpec{
		{"Phòng Giáo dục Trung học", agency.KindDivision},
		{"Phòng Giáo dục Mầm non - Tiểu học", agency.KindDivision},
		{"Phòng Khảo thí và Kiểm định chất lượng giáo dục", agency.KindDivision},
		{"Phòng Tổ chức cán bộ", agency.KindDivision},
		{"Trung tâm Ngoại ngữ - Tin học", agency.KindCentre},
		{"Phòng Giáo dục thường xuyên", agency.KindDivision},
	}, "Trung tâm Giáo dục nghề nghiệp - Giáo dục thường xuyên khu vực"},
	{"Sở Y tế", "Sở Y tế", "SYT", "Văn phòng Sở", "syt", []unitSpec{
		{"Trung tâm Kiểm soát bệnh tật", agency.KindCentre},
		{"Chi cục Dân số", agency.KindSubDepartment},
		{"Chi cục An toàn vệ sinh thực phẩm", agency.KindSubDepartment},
		{"Trung tâm Giám định y khoa", agency.KindCentre},
		{"Phòng Nghiệp vụ Y", agency.KindDivision},
		{"Phòng Nghiệp vụ Dược", agency.KindDivision},
		{"Trung tâm Pháp y", agency.KindCentre},
		{"Bệnh viện Đa khoa thành phố", agency.KindUnit},
	}, "Trung tâm Y tế khu vực"},
	{"Sở Khoa học và Công nghệ", "Sở KH&CN", "SKHCN", "Văn phòng Sở", "skhcn", []unitSpec{
		{"Chi cục Tiêu chuẩn Đo lường Chất lượng", agency.KindSubDepartment},
		{"Trung tâm Thông tin và Thống kê khoa học và công nghệ", agency.KindCentre},
		{"Trung tâm Ứng dụng tiến bộ khoa học và công nghệ", agency.KindCentre},
		{"Trung tâm Chuyển đổi số", agency.KindCentre},
		{"Phòng Bưu chính, Viễn thông", agency.KindDivision},
		{"Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng", agency.KindCentre},
	}, "Trạm Ứng dụng công nghệ khu vực"},
	{"Sở Văn hóa, Thể thao và Du lịch", "Sở VH-TT&DL", "SVHTTDL", "Văn phòng Sở", "svhttdl", []unitSpec{
		{"Thư viện thành phố", agency.KindUnit},
		{"Bảo tàng thành phố", agency.KindUnit},
		{"Trung tâm Văn hóa thành phố", agency.KindCentre},
		{"Trung tâm Huấn luyện và Thi đấu thể dục thể thao", agency.KindCentre},
		{"Trung tâm Xúc tiến du lịch", agency.KindCentre},
		{"Phòng Quản lý văn hóa và gia đình", agency.KindDivision},
		{"Nhà hát Tây Đô", agency.KindUnit},
	}, "Nhà Văn hóa khu vực"},
	{"Sở Dân tộc và Tôn giáo", "Sở DT&TG", "SDTTG", "Văn phòng Sở", "sdttg", []unitSpec{
		{"Phòng Công tác dân tộc", agency.KindDivision},
		{"Phòng Quản lý tôn giáo", agency.KindDivision},
		{"Phòng Chính sách dân tộc", agency.KindDivision},
	}, "Tổ Công tác dân tộc khu vực"},
	{"Thanh tra thành phố", "Thanh tra thành phố", "TTTP", "Văn phòng Thanh tra", "thanhtra", []unitSpec{
		{"Phòng Thanh tra kinh tế - xã hội", agency.KindDivision},
		{"Phòng Tiếp công dân và Xử lý đơn thư", agency.KindDivision},
		{"Phòng Phòng, chống tham nhũng", agency.KindDivision},
		{"Phòng Giám sát, kiểm tra và xử lý sau thanh tra", agency.KindDivision},
	}, "Đoàn Thanh tra khu vực"},
	{"Văn phòng Ủy ban nhân dân thành phố", "Văn phòng UBND thành phố", "VPUBND", "Phòng Hành chính - Tổ chức", "vpubnd", []unitSpec{
		{"Trung tâm Phục vụ hành chính công", agency.KindCentre},
		{"Phòng Kiểm soát thủ tục hành chính", agency.KindDivision},
		{"Cổng Thông tin điện tử thành phố", agency.KindUnit},
		{"Phòng Tổng hợp", agency.KindDivision},
		{"Ban Tiếp công dân", agency.KindUnit},
	}, "Điểm Phục vụ hành chính công khu vực"},
	{"Ban Quản lý các khu chế xuất và công nghiệp", "Ban Quản lý KCX&CN", "BQLKCXCN", "Văn phòng Ban", "bqlkcn", []unitSpec{
		{"Phòng Quản lý đầu tư", agency.KindDivision},
		{"Phòng Quản lý doanh nghiệp", agency.KindDivision},
		{"Phòng Quản lý quy hoạch, xây dựng và môi trường", agency.KindDivision},
		{"Phòng Quản lý lao động", agency.KindDivision},
	}, "Văn phòng đại diện khu công nghiệp"},
}

// commonUnits are divisions any department may have, taken after its own units.
var commonUnits = []unitSpec{
	{"Phòng Kế hoạch - Tài chính", agency.KindDivision},
	{"Phòng Pháp chế", agency.KindDivision},
	{"Phòng Tổ chức cán bộ", agency.KindDivision},
}

// areas are the districts of the merged city, for the units a department keeps there.
var areas = []string{"Ninh Kiều", "Bình Thủy", "Cái Răng", "Ô Môn", "Thốt Nốt", "Phong Điền", "Cờ Đỏ", "Thới Lai",
	"Vĩnh Thạnh", "Sóc Trăng", "Vị Thanh", "Ngã Bảy", "Long Mỹ", "Ngã Năm", "Vĩnh Châu", "Kế Sách", "Châu Thành"}

// wards are where leaflets are handed out and posters put up.
var wards = []string{"phường Ninh Kiều", "phường Cái Khế", "phường Tân An", "phường An Bình", "phường Thới An Đông",
	"phường Bình Thủy", "phường Long Tuyền", "phường Cái Răng", "phường Hưng Phú", "phường Ô Môn", "phường Phước Thới",
	"phường Thốt Nốt", "phường Trung Nhứt", "xã Phong Điền", "xã Cờ Đỏ", "xã Thới Lai", "xã Vĩnh Thạnh", "phường Sóc Trăng",
	"phường Vị Thanh", "phường Ngã Bảy"}

// venues are the places within a ward.
var venues = []string{"Bộ phận Tiếp nhận và Trả kết quả", "trụ sở UBND", "nhà văn hóa", "chợ", "trường học", "khu dân cư"}

// People's names are drawn from the commonest family names, middle names and given names.
var (
	familyNames = []string{"Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Hoàng", "Võ", "Phan", "Trương", "Bùi", "Đặng", "Đỗ",
		"Ngô", "Hồ", "Dương", "Lý", "Châu", "Lâm", "Tạ", "Quách"}
	middleNames = []string{"Văn", "Thị", "Minh", "Hoàng", "Ngọc", "Thanh", "Quốc", "Hữu", "Thu", "Kim", "Đức", "Gia",
		"Thành", "Bảo", "Phương", "Mỹ"}
	givenNames = []string{"An", "Bình", "Châu", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hòa", "Hùng", "Khoa",
		"Lan", "Linh", "Long", "Mai", "Nam", "Ngân", "Nhung", "Phúc", "Phương", "Quân", "Tâm", "Thảo", "Trang", "Trí",
		"Tuấn", "Vy", "Yến", "Khánh", "Duy", "Nhi"}
)

// extraTopics are contents plans add to the four the template starts with.
var extraTopics = []string{
	"Tình hình, kết quả thực hiện Đề án phát triển ứng dụng dữ liệu về dân cư, định danh và xác thực điện tử phục vụ chuyển đổi số quốc gia (Đề án 06).",
	"Việc cung cấp dịch vụ công trực tuyến toàn trình, thanh toán trực tuyến và số hóa hồ sơ, kết quả giải quyết thủ tục hành chính.",
	"Việc tiếp nhận, xử lý phản ánh, kiến nghị của người dân, doanh nghiệp về quy định hành chính.",
	"Sắp xếp tổ chức bộ máy tinh gọn, hoạt động hiệu lực, hiệu quả; kỷ luật, kỷ cương hành chính, đạo đức công vụ, văn hóa công sở.",
	"Các quy định về đánh giá, xếp hạng mức độ hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính nhà nước.",
}

// subjects are what an article, a meeting or a leaflet is about.
var subjects = []string{
	"cải cách thủ tục hành chính", "dịch vụ công trực tuyến toàn trình", "chuyển đổi số trong giải quyết thủ tục hành chính",
	"triển khai Đề án 06", "thanh toán trực tuyến phí, lệ phí", "nâng cao Chỉ số cải cách hành chính (PAR Index)",
	"nâng cao Chỉ số hài lòng (SIPAS)", "cơ chế một cửa, một cửa liên thông", "số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
	"tiếp nhận, xử lý phản ánh, kiến nghị", "kỷ luật, kỷ cương hành chính", "văn hóa công sở", "cải thiện môi trường đầu tư, kinh doanh",
	"sắp xếp tổ chức bộ máy", "định danh và xác thực điện tử", "nộp hồ sơ trực tuyến trên Cổng Dịch vụ công quốc gia",
}

// headlines frame an article's title around a subject; %s is the agency, %s the subject.
var headlines = []string{
	"%s đẩy mạnh %s",
	"%s triển khai %s",
	"Kết quả %[2]s tại %[1]s",
	"%s tổ chức tuyên truyền về %s",
	"Nhiều chuyển biến trong %[2]s ở %[1]s",
	"%s hướng dẫn người dân về %s",
}

// returnComments are what the office writes when it sends a result back.
var returnComments = []string{
	"Đề nghị bổ sung đường dẫn bài viết.",
	"Đề nghị bổ sung danh sách người tham dự.",
	"Số lượng chưa khớp với biên bản bàn giao, đề nghị kiểm tra lại.",
	"Đề nghị đính kèm hình ảnh minh chứng.",
	"Ngày thực hiện chưa đúng, đề nghị điều chỉnh.",
}
