package calendar

import (
	"fmt"
	"math"
	"time"

	"loa/internal/vn"
)

// Lunar is a day of the Vietnamese lunar calendar (âm lịch). Year is the solar year in
// which the lunar year's first month begins, so 29/12 of year 2024 falls on 28/01/2025.
// Leap marks the leap month (tháng nhuận), which repeats the number of the month
// before it.
type Lunar struct {
	Day, Month, Year int
	Leap             bool
}

// String writes the day as calendars print it: "10/3", "15/2 nhuận".
func (l Lunar) String() string {
	if l.Leap {
		return fmt.Sprintf("%d/%d nhuận", l.Day, l.Month)
	}
	return fmt.Sprintf("%d/%d", l.Day, l.Month)
}

var (
	stems    = [10]string{"Giáp", "Ất", "Bính", "Đinh", "Mậu", "Kỷ", "Canh", "Tân", "Nhâm", "Quý"}
	branches = [12]string{"Tý", "Sửu", "Dần", "Mão", "Thìn", "Tỵ", "Ngọ", "Mùi", "Thân", "Dậu", "Tuất", "Hợi"}
)

// YearName is the year's name in the sixty-year cycle ("Giáp Thìn" for 2024), which is
// how Tết is named. 4 AD was a Giáp Tý year; the stems repeat every 10 years and the
// branches every 12.
func (l Lunar) YearName() string {
	return stems[mod(l.Year-4, 10)] + " " + branches[mod(l.Year-4, 12)]
}

func mod(a, n int) int { return ((a % n) + n) % n }

// vietnam is the offset from UTC, in hours, whose midnight starts a day of the lunar
// calendar: the official calendar has been reckoned at UTC+7 since 1968, which is
// why it sometimes differs by a day or a month from China's, reckoned at UTC+8. Dates
// before 1968 may differ from the calendars printed then, which followed China's.
const vietnam = 7.0

// LunarOf is the lunar date of d.
func LunarOf(d vn.Date) Lunar { return lunarOf(jdn(d), vietnam) }

// SolarOf is the solar date of a lunar date, or the zero Date when there is no such
// day: a leap month in a year without it, or day 30 of a 29-day month.
func SolarOf(l Lunar) vn.Date {
	j, ok := solarOf(l, vietnam)
	if !ok {
		return vn.Date{}
	}
	return dateOf(j)
}

// The rules of the calendar, applied below:
//   - a month begins on the day (at the time zone's midnight) of a new moon;
//   - month 11 is the month that holds the December solstice;
//   - when 13 months begin between one month 11 and the next, the first of them after
//     month 11 in which the sun enters no new sign (no major solar term: its longitude
//     crosses no multiple of 30°) is a leap month and repeats the number before it.

// cycle is the run of months from one month 11 to the next.
type cycle struct {
	solarYear int // the year of the December solstice that month 11 holds
	start     int // number of the new moon that begins month 11
	months    int // 12, or 13 when a leap month is in it
	leap      int // the leap month's place after month 11 (1–12), or 0 when none
}

func cycleOf(solarYear int, tz float64) cycle {
	c := cycle{solarYear: solarYear, start: newMoonOnOrBefore(solsticeDay(solarYear, tz), tz)}
	c.months = newMoonOnOrBefore(solsticeDay(solarYear+1, tz), tz) - c.start
	if c.months == 13 {
		for i := 1; i < 13; i++ {
			if !hasMajorTerm(c.start+i, tz) {
				c.leap = i
				break
			}
		}
	}
	return c
}

// month is the number of the month at place off after month 11, and whether it is the
// leap month.
func (c cycle) month(off int) (int, bool) {
	base := off
	if c.leap != 0 && off >= c.leap {
		base--
	}
	return (base+10)%12 + 1, c.leap != 0 && off == c.leap
}

func lunarOf(j int, tz float64) Lunar {
	y := dateOf(j).Year
	// Month 11 begins between late November and the solstice; a day before it belongs
	// to the cycle that began the year before.
	c := cycleOf(y, tz)
	if j < newMoonDay(c.start, tz) {
		c = cycleOf(y-1, tz)
	}
	k := newMoonOnOrBefore(j, tz)
	month, leap := c.month(k - c.start)
	year := c.solarYear + 1
	if month >= 11 { // months 11 and 12 only come first in a cycle
		year = c.solarYear
	}
	return Lunar{Day: j - newMoonDay(k, tz) + 1, Month: month, Year: year, Leap: leap}
}

func solarOf(l Lunar, tz float64) (int, bool) {
	if l.Month < 1 || l.Month > 12 || l.Day < 1 || l.Day > 30 {
		return 0, false
	}
	c := cycleOf(l.Year-1, tz)
	if l.Month >= 11 {
		c = cycleOf(l.Year, tz)
	}
	base := (l.Month + 1) % 12 // place after month 11 without a leap month: 11→0, 12→1, 1→2 … 10→11
	off := base
	switch {
	case l.Leap && c.leap != base+1:
		return 0, false
	case l.Leap:
		off = c.leap
	case c.leap != 0 && base >= c.leap:
		off++
	}
	first := newMoonDay(c.start+off, tz)
	if l.Day > newMoonDay(c.start+off+1, tz)-first {
		return 0, false
	}
	return first + l.Day - 1, true
}

// unixEpochJDN is the Julian day number of 1 January 1970.
const unixEpochJDN = 2440588

// jdn is the Julian day number of d, the astronomers' running count of days, in which
// the formulas below are written.
func jdn(d vn.Date) int {
	return int(time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC).Unix()/86400) + unixEpochJDN
}

func dateOf(j int) vn.Date { return vn.NewDate(1970, time.January, 1+j-unixEpochJDN) }

// newMoonDay is the day number on which new moon k falls at the time zone.
func newMoonDay(k int, tz float64) int {
	jde := newMoon(k)
	ut := jde - deltaT(yearOf(jde))/86400
	return int(math.Floor(ut + 0.5 + tz/24))
}

// newMoonOnOrBefore is the number of the last new moon that falls on day j or before.
func newMoonOnOrBefore(j int, tz float64) int {
	k := int(math.Floor((float64(j) - 2451550.1) / synodicMonth))
	for newMoonDay(k+1, tz) <= j {
		k++
	}
	for newMoonDay(k, tz) > j {
		k--
	}
	return k
}

// longitudeAtMidnight is the sun's apparent longitude at the midnight that starts day j.
func longitudeAtMidnight(j int, tz float64) float64 {
	ut := float64(j) - 0.5 - tz/24
	return sunLongitude(ut + deltaT(yearOf(ut))/86400)
}

// solsticeDay is the day on which the sun reaches longitude 270° in December of year y.
func solsticeDay(y int, tz float64) int {
	j := jdn(vn.Date{Year: y, Month: time.December, Day: 21})
	for longitudeAtMidnight(j+1, tz) < 270 {
		j++
	}
	for longitudeAtMidnight(j, tz) >= 270 {
		j--
	}
	return j
}

// hasMajorTerm tells whether the sun crosses a multiple of 30° during the month that
// new moon k begins.
func hasMajorTerm(k int, tz float64) bool {
	from := longitudeAtMidnight(newMoonDay(k, tz), tz)
	to := longitudeAtMidnight(newMoonDay(k+1, tz), tz)
	return math.Floor(from/30) != math.Floor(to/30)
}

// synodicMonth is the mean length of a lunation, in days.
const synodicMonth = 29.530588861

// yearOf is the decimal year of a Julian day, close enough to pick ΔT.
func yearOf(jd float64) float64 { return 2000 + (jd-2451545)/365.25 }

func sin(deg float64) float64 { return math.Sin(deg * math.Pi / 180) }

// newMoon is the instant (Julian Ephemeris Day, Terrestrial Time) of new moon number k,
// counted from the new moon of 6 January 2000: the mean phase corrected by the periodic
// terms of the sun's and moon's anomalies, the moon's argument of latitude and its
// node, and the planetary arguments (J. Meeus, Astronomical Algorithms, 2nd ed.,
// chapter 49). Its error is well under a minute for the centuries around ours.
func newMoon(k int) float64 {
	kf := float64(k)
	t := kf / 1236.85
	t2, t3, t4 := t*t, t*t*t, t*t*t*t
	jde := 2451550.09766 + synodicMonth*kf + 0.00015437*t2 - 0.000000150*t3 + 0.00000000073*t4
	e := 1 - 0.002516*t - 0.0000074*t2
	m := 2.5534 + 29.10535670*kf - 0.0000014*t2 - 0.00000011*t3                      // sun's mean anomaly
	mp := 201.5643 + 385.81693528*kf + 0.0107582*t2 + 0.00001238*t3 - 0.000000058*t4 // moon's mean anomaly
	f := 160.7108 + 390.67050284*kf - 0.0016118*t2 - 0.00000227*t3 + 0.000000011*t4  // moon's argument of latitude
	om := 124.7746 - 1.56375588*kf + 0.0020672*t2 + 0.00000215*t3                    // longitude of the ascending node
	jde += -0.40720*sin(mp) +
		0.17241*e*sin(m) +
		0.01608*sin(2*mp) +
		0.01039*sin(2*f) +
		0.00739*e*sin(mp-m) -
		0.00514*e*sin(mp+m) +
		0.00208*e*e*sin(2*m) -
		0.00111*sin(mp-2*f) -
		0.00057*sin(mp+2*f) +
		0.00056*e*sin(2*mp+m) -
		0.00042*sin(3*mp) +
		0.00042*e*sin(m+2*f) +
		0.00038*e*sin(m-2*f) -
		0.00024*e*sin(2*mp-m) -
		0.00017*sin(om) -
		0.00007*sin(mp+2*m) +
		0.00004*sin(2*mp-2*f) +
		0.00004*sin(3*m) +
		0.00003*sin(mp+m-2*f) +
		0.00003*sin(2*mp+2*f) -
		0.00003*sin(mp+m+2*f) +
		0.00003*sin(mp-m+2*f) -
		0.00002*sin(mp-m-2*f) -
		0.00002*sin(3*mp+m) +
		0.00002*sin(4*mp)
	planetary := [14][3]float64{ // amplitude, argument at k = 0, change per lunation
		{0.000325, 299.77, 0.107408}, {0.000165, 251.88, 0.016321}, {0.000164, 251.83, 26.651886},
		{0.000126, 349.42, 36.412478}, {0.000110, 84.66, 18.206239}, {0.000062, 141.74, 53.303771},
		{0.000060, 207.14, 2.453732}, {0.000056, 154.84, 7.306860}, {0.000047, 34.52, 27.261239},
		{0.000042, 207.19, 0.121824}, {0.000040, 291.34, 1.844379}, {0.000037, 161.72, 24.198154},
		{0.000035, 239.56, 25.513099}, {0.000023, 331.55, 3.592518},
	}
	for i, p := range planetary {
		arg := p[1] + p[2]*kf
		if i == 0 {
			arg -= 0.009173 * t2
		}
		jde += p[0] * sin(arg)
	}
	return jde
}

// sunLongitude is the sun's apparent ecliptic longitude in degrees (0–360) at a Julian
// Ephemeris Day: the geometric longitude from the mean longitude and the equation of
// the centre, then corrected for nutation and aberration (Meeus, chapter 25, the
// formulas of lower accuracy, within 0.01°: the sun takes about a quarter of an hour
// to cover that).
func sunLongitude(jde float64) float64 {
	t := (jde - 2451545) / 36525
	l0 := 280.46646 + 36000.76983*t + 0.0003032*t*t
	m := 357.52911 + 35999.05029*t - 0.0001537*t*t
	c := (1.914602-0.004817*t-0.000014*t*t)*sin(m) + (0.019993-0.000101*t)*sin(2*m) + 0.000289*sin(3*m)
	om := 125.04 - 1934.136*t
	lambda := l0 + c - 0.00569 - 0.00478*sin(om)
	return math.Mod(math.Mod(lambda, 360)+360, 360)
}

// deltaT is TT − UT in seconds at a decimal year: the polynomial fits of F. Espenak and
// J. Meeus (NASA, 2006) from 1900 to 2150 and their long-term parabola outside. The
// new moon formula runs on TT; the calendar's days on UT. Only a new moon within a
// minute or so of midnight notices.
func deltaT(y float64) float64 {
	switch {
	case y >= 1900 && y < 1920:
		t := y - 1900
		return -2.79 + 1.494119*t - 0.0598939*t*t + 0.0061966*t*t*t - 0.000197*t*t*t*t
	case y >= 1920 && y < 1941:
		t := y - 1920
		return 21.20 + 0.84493*t - 0.076100*t*t + 0.0020936*t*t*t
	case y >= 1941 && y < 1961:
		t := y - 1950
		return 29.07 + 0.407*t - t*t/233 + t*t*t/2547
	case y >= 1961 && y < 1986:
		t := y - 1975
		return 45.45 + 1.067*t - t*t/260 - t*t*t/718
	case y >= 1986 && y < 2005:
		t := y - 2000
		return 63.86 + 0.3345*t - 0.060374*t*t + 0.0017275*t*t*t + 0.000651814*t*t*t*t + 0.00002373599*t*t*t*t*t
	case y >= 2005 && y < 2050:
		t := y - 2000
		return 62.92 + 0.32217*t + 0.005589*t*t
	case y >= 2050 && y < 2150:
		u := (y - 1820) / 100
		return -20 + 32*u*u - 0.5628*(2150-y)
	}
	u := (y - 1820) / 100
	return -20 + 32*u*u
}
