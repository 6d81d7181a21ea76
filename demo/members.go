package demo

import (
	"fmt"
	"time"
)

// memberSpec describes a member with dates relative to the start of "today".
type memberSpec struct {
	slug, name, sortName string
	credentials          string
	email, phone         string
	avatar               bool
	plan                 string // "" for no membership
	terms                int    // 12-month terms paid for: the first one plus every renewal
	expires              int    // days from today to ExpiresAt; negative when already expired
	cancelled            bool
	bio                  string
}

// Membership mix at "today", with the 30-day grace period: most ACTIVE; GRACE: Søren Ødegaard,
// Mei-Ling Tsang, Tomasz Kowalczyk, Beatriz Gonçalves; LAPSED: Marisol de la Cruz, Gareth
// Pryce-Jones, Élodie Marchand, Peter Lindqvist; CANCELLED: Siobhán Gallagher; no membership:
// Priya Raman (staff) and Jonathan Hale (guest author).
var memberSpecs = []memberSpec{
	{
		slug: "christian-billington", name: "Christian Billington", sortName: "Billington, Christian",
		credentials: "MSc, Accredited Psychotherapist",
		email:       "christian.billington@example.org", phone: "+44 20 7946 0123", avatar: true,
		plan: "professional", terms: 8, expires: 200,
		bio: `<p>Christian is an integrative psychotherapist in private practice in Northfield, working with adults on anxiety, relationship difficulties and work-related stress. Before training he spent ten years as a secondary school teacher.</p>
<p>He chairs the Society's Ethics Committee and writes the occasional <em>Ethics casebook</em> post for this blog.</p>`,
	},
	{
		slug: "zoe-angstrom", name: "Zoë Ångström", sortName: "Ångström, Zoë",
		credentials: "Counsellor in training",
		email:       "zoe.angstrom@example.com", phone: "+44 7700 900142", avatar: true,
		plan: "student", terms: 2, expires: 150,
		bio: `<p>Zoë is in the final year of a diploma in person-centred counselling at Millbridge College, after twenty years working in publishing. Her placement is with a young people's charity in Ashworth.</p>
<p>She writes about the experience of training later in life.</p>`,
	},
	{
		slug: "jose-nunez", name: "José Núñez", sortName: "Núñez, José",
		credentials: "MA, Registered Counsellor",
		email:       "jose.nunez@example.org", phone: "+44 1632 960418", avatar: true,
		plan: "professional", terms: 6, expires: 90,
		bio: `<p>José works as a counsellor for a university student support service and sees a small number of private clients in Spanish and English. He is the convenor of the Society's Eastbrook regional group.</p>`,
	},
	{
		slug: "lucja-wisniewska", name: "Łucja Wiśniewska", sortName: "Wiśniewska, Łucja",
		credentials: "PhD, Counselling Psychologist",
		email:       "lucja.wisniewska@example.org", phone: "+44 113 496 0731", avatar: true,
		plan: "professional", terms: 7, expires: 250,
		bio: `<p>Łucja is a counselling psychologist and senior lecturer at Ashworth University, where she researches client experiences of therapy and the use of outcome measures in routine practice.</p>
<p>She sits on the Society's Research Committee and writes the blog's <em>Research summary</em> series. Her university profile is at <a href="https://www.ashworth-university.example/staff/l-wisniewska">ashworth-university.example</a>.</p>`,
	},
	{
		slug: "soren-odegaard", name: "Søren Ødegaard", sortName: "Ødegaard, Søren",
		credentials: "MA, Accredited Family Therapist",
		email:       "soren.odegaard@example.com", phone: "+44 1632 960277", avatar: true,
		plan: "professional", terms: 5, expires: -12,
		bio: `<p>Søren trained as a systemic family therapist in Copenhagen and moved to the region fifteen years ago. He works with couples, families and individuals in a shared practice in Eastbrook.</p>`,
	},
	{
		slug: "bjorn-muller", name: "Björn Müller", sortName: "Müller, Björn",
		credentials: "Dip. Couns., Registered Member",
		email:       "bjorn.muller@example.org", phone: "+44 161 496 0552", avatar: false,
		plan: "professional", terms: 4, expires: 30,
		bio: `<p>Björn is a humanistic counsellor in private practice. He came to counselling from a career in accountancy, and is happy to talk to anyone about the business side of running a practice.</p>`,
	},
	{
		slug: "chloe-lefevre", name: "Chloé Lefèvre", sortName: "Lefèvre, Chloé",
		credentials: "MSc, Art Psychotherapist",
		email:       "chloe.lefevre@example.com", phone: "+44 20 7946 0388", avatar: true,
		plan: "professional", terms: 3, expires: 300,
		bio: `<p>Chloé is an art psychotherapist working in adult community mental health and running therapeutic art groups for new parents. She trained in Lyon and in London.</p>
<p>Some of her group work is described at <a href="https://www.open-studio-project.example/">open-studio-project.example</a>.</p>`,
	},
	{
		slug: "ana-maria-oconnor", name: "Ana-María O'Connor", sortName: "O'Connor, Ana-María",
		credentials: "BA (Hons), Counsellor in training",
		email:       "anamaria.oconnor@example.com", phone: "+44 7700 900318", avatar: true,
		plan: "student", terms: 1, expires: 60,
		bio: `<p>Ana-María is a first-year trainee on an integrative counselling diploma, combining study with a placement at a bereavement charity and a part-time job in a bookshop.</p>`,
	},
	{
		slug: "ruth-van-der-berg", name: "Ruth van der Berg", sortName: "van der Berg, Ruth",
		credentials: "Senior Accredited Supervisor (retired)",
		email:       "ruth.vanderberg@example.org", phone: "+44 1632 960105", avatar: true,
		plan: "retired", terms: 8, expires: 45,
		bio: `<p>Ruth practised as a counsellor and supervisor for more than thirty years, first in Rotterdam and then in Northfield, where she joined the Society on moving to the region. She retired from client work a few years ago.</p>
<p>She still mentors newly qualified members and grows an unreasonable number of tomatoes.</p>`,
	},
	{
		slug: "marisol-de-la-cruz", name: "Marisol de la Cruz", sortName: "de la Cruz, Marisol",
		credentials: "MA, Integrative Counsellor",
		email:       "marisol.delacruz@example.com", phone: "+44 20 7946 0641", avatar: true,
		plan: "professional", terms: 3, expires: -95,
		bio: `<p>Marisol is an integrative counsellor who works bilingually in English and Spanish with adults and couples. She is currently on a career break.</p>`,
	},
	{
		slug: "oluwaseun-adeyemi", name: "Oluwaseun Adeyemi", sortName: "Adeyemi, Oluwaseun",
		credentials: "MSc, Accredited CBT Therapist",
		email:       "oluwaseun.adeyemi@example.org", phone: "+44 113 496 0218", avatar: true,
		plan: "professional", terms: 6, expires: 330,
		bio: `<p>Oluwaseun is a cognitive behavioural therapist who divides his time between an NHS talking therapies service and a small private practice. He leads the Society's CPD working group.</p>
<p>Outside work he coaches an under-twelves football team, badly.</p>`,
	},
	{
		slug: "hannah-whitcombe", name: "Hannah Whitcombe", sortName: "Whitcombe, Hannah",
		credentials: "Dip. Supervision, Accredited Counsellor",
		email:       "hannah.whitcombe@example.org", phone: "+44 1632 960733", avatar: true,
		plan: "professional", terms: 8, expires: 15,
		bio: `<p>Hannah is a person-centred counsellor and clinical supervisor with a particular interest in supervising trainees and newly qualified practitioners. She has supervised on three counselling diploma courses in the region.</p>`,
	},
	{
		slug: "dev-chaudhry", name: "Dev Chaudhry", sortName: "Chaudhry, Dev",
		credentials: "MA, Psychodynamic Psychotherapist",
		email:       "dev.chaudhry@example.com", phone: "+44 20 7946 0907", avatar: false,
		plan: "professional", terms: 6, expires: 180,
		bio: `<p>Dev is a psychodynamic psychotherapist working with adults in long-term therapy. He reviews books for the Society's journal and for this blog, and is always looking for recommendations.</p>`,
	},
	{
		slug: "mei-ling-tsang", name: "Mei-Ling Tsang", sortName: "Tsang, Mei-Ling",
		credentials: "PGDip, Counsellor",
		email:       "meiling.tsang@example.org", phone: "+44 161 496 0874", avatar: true,
		plan: "professional", terms: 4, expires: -20,
		bio: `<p>Mei-Ling is a counsellor who has worked mainly online for several years, with clients across the UK and East Asia. She works in English and Cantonese.</p>
<p>Her practice website is <a href="https://www.meiling-counselling.example/">meiling-counselling.example</a>.</p>`,
	},
	{
		slug: "aoife-ni-bhriain", name: "Aoife Ní Bhriain", sortName: "Ní Bhriain, Aoife",
		credentials: "MSc, Child and Adolescent Counsellor",
		email:       "aoife.nibhriain@example.org", phone: "+44 1632 960562", avatar: true,
		plan: "professional", terms: 5, expires: 120,
		bio: `<p>Aoife is a school-based counsellor working across three secondary schools and a pupil referral unit. She previously worked as a youth worker in Galway.</p>`,
	},
	{
		slug: "tomasz-kowalczyk", name: "Tomasz Kowalczyk", sortName: "Kowalczyk, Tomasz",
		credentials: "Counsellor in training",
		email:       "tomasz.kowalczyk@example.com", phone: "+44 7700 900571", avatar: false,
		plan: "student", terms: 1, expires: -6,
		bio: `<p>Tomasz is a trainee counsellor on a certificate course in counselling skills, and works as a support worker in a supported housing project.</p>`,
	},
	{
		slug: "fatima-al-hassan", name: "Fatima Al-Hassan", sortName: "Al-Hassan, Fatima",
		credentials: "MA, Bereavement Counsellor",
		email:       "fatima.alhassan@example.org", phone: "+44 20 7946 0254", avatar: true,
		plan: "professional", terms: 4, expires: 210,
		bio: `<p>Fatima is a bereavement counsellor at a hospice and a volunteer trainer for a bereavement support charity. She works in English and Arabic.</p>`,
	},
	{
		slug: "gareth-pryce-jones", name: "Gareth Pryce-Jones", sortName: "Pryce-Jones, Gareth",
		credentials: "BSc, Registered Counsellor",
		email:       "gareth.prycejones@example.com", phone: "+44 29 2018 0963", avatar: false,
		plan: "professional", terms: 3, expires: -160,
		bio: `<p>Gareth worked as a counsellor in primary care for several years before moving back to Wales.</p>`,
	},
	{
		slug: "ingrid-saether", name: "Ingrid Sæther", sortName: "Sæther, Ingrid",
		credentials: "Cand.psychol., Trauma Therapist",
		email:       "ingrid.saether@example.org", phone: "+44 113 496 0399", avatar: true,
		plan: "professional", terms: 2, expires: 270,
		bio: `<p>Ingrid trained as a psychologist in Bergen and specialises in work with survivors of trauma, including refugees and people seeking asylum. She works for a regional trauma service and in private practice.</p>`,
	},
	{
		slug: "kwame-mensah", name: "Kwame Mensah", sortName: "Mensah, Kwame",
		credentials: "MSc, Counselling Psychologist",
		email:       "kwame.mensah@example.org", phone: "+44 20 7946 0472", avatar: true,
		plan: "professional", terms: 7, expires: 75,
		bio: `<p>Kwame is a counselling psychologist in an NHS adult mental health service. He chairs the Society's Policy and Public Affairs Committee and leads its responses to government consultations.</p>
<p>He is interested in access to therapy for communities the profession has historically underserved.</p>`,
	},
	{
		slug: "elodie-marchand", name: "Élodie Marchand", sortName: "Marchand, Élodie",
		credentials: "Counsellor in training",
		email:       "elodie.marchand@example.com", phone: "+44 7700 900864", avatar: true,
		plan: "student", terms: 2, expires: -70,
		bio: `<p>Élodie trained in counselling at Millbridge College while working as a teaching assistant.</p>`,
	},
	{
		slug: "margaret-ellsworth", name: "Margaret Ellsworth", sortName: "Ellsworth, Margaret",
		credentials: "Accredited Counsellor (retired)",
		email:       "margaret.ellsworth@example.org", phone: "+44 1632 960916", avatar: true,
		plan: "retired", terms: 8, expires: 100,
		bio: `<p>Margaret was a counsellor in private practice and in a GP surgery for twenty-six years. Since retiring she has volunteered on the Society's ethics helpline and joined two choirs.</p>`,
	},
	{
		slug: "nikhil-iyer", name: "Nikhil Iyer", sortName: "Iyer, Nikhil",
		credentials: "MSc, Online Therapist",
		email:       "nikhil.iyer@example.com", phone: "+1 202 555 0143", avatar: true,
		plan: "professional", terms: 2, expires: 20,
		bio: `<p>Nikhil is a counsellor who works entirely online, by video and text, mostly with clients in their twenties and thirties. He splits his year between Northfield and Washington, DC.</p>`,
	},
	{
		slug: "siobhan-gallagher", name: "Siobhán Gallagher", sortName: "Gallagher, Siobhán",
		credentials: "MA, Accredited Counsellor",
		email:       "siobhan.gallagher@example.org", phone: "+44 1632 960349", avatar: false,
		plan: "professional", terms: 6, expires: 140, cancelled: true,
		bio: `<p>Siobhán is a counsellor who has worked in addiction services and in private practice. She has recently moved to Ireland.</p>`,
	},
	{
		slug: "yusuf-demir", name: "Yusuf Demir", sortName: "Demir, Yusuf",
		credentials: "Dip. Couns.",
		email:       "yusuf.demir@example.com", phone: "+44 161 496 0625", avatar: true,
		plan: "professional", terms: 1, expires: 240,
		bio: `<p>Yusuf qualified as a counsellor last year after a first career as a civil engineer. He works for a workplace counselling provider and sees private clients two evenings a week.</p>`,
	},
	{
		slug: "beatriz-goncalves", name: "Beatriz Gonçalves", sortName: "Gonçalves, Beatriz",
		credentials: "MSc, Systemic Psychotherapist",
		email:       "beatriz.goncalves@example.org", phone: "+44 20 7946 0780", avatar: true,
		plan: "professional", terms: 3, expires: -24,
		bio: `<p>Beatriz is a systemic psychotherapist working with families in a child and adolescent mental health service. She trained in Lisbon.</p>`,
	},
	{
		slug: "peter-lindqvist", name: "Peter Lindqvist", sortName: "Lindqvist, Peter",
		credentials: "Clinical Supervisor (retired)",
		email:       "peter.lindqvist@example.com", phone: "+44 1632 960881", avatar: false,
		plan: "retired", terms: 6, expires: -400,
		bio: `<p>Peter supervised counsellors and supervisors for many years and taught on the Society's supervision course.</p>`,
	},
	{
		slug: "amara-okafor", name: "Amara Okafor", sortName: "Okafor, Amara",
		credentials: "Counsellor in training",
		email:       "amara.okafor@example.org", phone: "+44 7700 900935", avatar: true,
		plan: "student", terms: 1, expires: 280,
		bio: `<p>Amara has just started a postgraduate diploma in counselling after a degree in psychology.</p>`,
	},
	{
		slug: "priya-raman", name: "Priya Raman", sortName: "Raman, Priya",
		credentials: "",
		email:       "priya.raman@example.org", phone: "+44 20 7946 0500", avatar: true,
		bio: `<p>Priya is the Society's Communications Officer. She edits this blog, the members' newsletter and the conference programme. Get in touch if you would like to write for us.</p>`,
	},
	{
		slug: "jonathan-hale", name: "Jonathan Hale", sortName: "Hale, Jonathan",
		credentials: "PhD, Senior Lecturer in Counselling",
		email:       "j.hale@example.com", phone: "+44 113 496 0960", avatar: false,
		bio: `<p>Dr Jonathan Hale is a guest author. He leads the counselling programmes at Ashworth University and has trained counsellors for more than twenty years.</p>
<p>His recent work on counsellor education is listed at <a href="https://www.ashworth-university.example/staff/j-hale">ashworth-university.example</a>.</p>`,
	},
}

// buildMembers turns the specs into members with dates relative to today. A membership of n
// terms began n years before it expires and was renewed n-1 times, each renewal adding 12
// months; members renew anywhere from three weeks before expiry to a few days after it.
func buildMembers(today time.Time) []Member {
	members := make([]Member, 0, len(memberSpecs))
	payment := 0
	for i, s := range memberSpecs {
		m := Member{
			Slug:        s.slug,
			Name:        s.name,
			SortName:    s.sortName,
			Credentials: s.credentials,
			BioHTML:     s.bio,
			Email:       s.email,
			Phone:       s.phone,
			Plan:        s.plan,
			Cancelled:   s.cancelled,
		}
		if s.avatar {
			m.AvatarURL = "https://example.org/avatars/" + s.slug + ".jpg"
		}
		if s.plan != "" {
			m.JoinedAt = today.AddDate(-s.terms, 0, s.expires).Add(clock(i))
			expires := m.JoinedAt.AddDate(1, 0, 0)
			for r := 1; r < s.terms; r++ {
				early := (i*11+r*7)%30 - 6 // days before expiry the member renewed; negative: after
				renewed := expires.AddDate(0, 0, -early).Add(time.Duration((i+r)%5) * time.Hour)
				payment++
				next := expires.AddDate(1, 0, 0)
				m.Renewals = append(m.Renewals, Renewal{
					RenewedAt:         renewed,
					PreviousExpiresAt: expires,
					NewExpiresAt:      next,
					PaymentReference:  fmt.Sprintf("pay_%d_%06d", renewed.Year(), 100+payment*37),
				})
				expires = next
			}
			m.ExpiresAt = expires
		}
		members = append(members, m)
	}
	return members
}
