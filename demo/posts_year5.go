package demo

// postsFifthYear are the blog's first posts, four to five years ago.
var postsFifthYear = []postSpec{
	{
		slug: "welcome-to-the-members-blog", title: "Welcome to the members' blog",
		author: "christian-billington", ago: 1815,
		tags:   []string{"society-news"},
		blocks: []string{"richtext-about", "cta-join"},
		body: `<p>For as long as I have been a member of the Northfield Society, the best conversations have happened in the margins: over coffee at the annual conference, in the car park after a regional group meeting, in the long email threads that follow a difficult ethics query. This blog is our attempt to bring some of those conversations into the open.</p>
<h2>What you will find here</h2>
<p>The blog is written by members, for members and for anyone curious about how counsellors and therapists think about their work. Expect:</p>
<ul>
<li><strong>Practice notes</strong>: short pieces on what works, and what doesn't, in the room;</li>
<li><strong>Conference and event reports</strong> for those who could not be there;</li>
<li><strong>Ethics</strong>, including anonymised dilemmas from the Ethics Committee's casebook;</li>
<li><strong>Research summaries</strong> that turn journal articles into something you can use on a Tuesday afternoon;</li>
<li><strong>Book reviews</strong>, regional group news and reflections from members at every stage of their careers, from first placement to retirement.</li>
</ul>
<h2>A few ground rules</h2>
<p>Everything published here follows the same standards as our clinical work. Client material is only ever used with consent, and then disguised beyond recognition. Posts marked <em>members only</em> are for those in good standing, usually because they discuss draft policy or sensitive casework.</p>
<blockquote><p>We are a profession that listens for a living. It seems only right that we should also write, so that others can listen to us.</p></blockquote>
<p>If you would like to contribute, write to the communications team. You do not need to be an experienced writer. You need something to say, and the willingness to say it plainly.</p>`,
	},
	{
		slug: "what-i-wish-i-had-known-about-supervision", title: "What I wish I had known about supervision as a new counsellor",
		author: "hannah-whitcombe", ago: 1790,
		tags:   []string{"supervision", "students"},
		blocks: []string{"links-students"},
		body: `<p>I have now been supervising for longer than I was a counsellor before I started, and every year a new cohort of trainees arrives with the same mixture of eagerness and dread. When I think back to my own first supervisor, I remember being terrified of her. She was, in fact, one of the kindest people I have met. The terror was mine, not hers.</p>
<p>Here is what I wish someone had told me then.</p>
<h2>Supervision is not an exam</h2>
<p>Most trainees bring their "good" sessions to supervision because they want to be seen as competent. The sessions you most need to bring are the ones you would rather forget: the client who left early, the moment you said something clumsy, the session where you felt bored and guilty about it.</p>
<h2>You are allowed to set the agenda</h2>
<p>A good supervisor will have their own concerns, but the time is yours. Arriving with two or three questions written down transforms the hour. Mine usually boil down to:</p>
<ol>
<li>What happened that I don't understand?</li>
<li>What am I feeling about this client that I haven't said aloud?</li>
<li>What do I need to do before the next session?</li>
</ol>
<h2>The relationship matters as much as the content</h2>
<p>If you cannot be honest with your supervisor, something needs to change: either you raise it, or you find someone else. Neither is a failure. It is exactly the kind of conversation we ask our clients to have.</p>
<p>And finally: your supervisor was once as anxious as you are. Most of us still are, a little, on a Monday morning.</p>`,
	},
	{
		slug: "consultation-response-statutory-regulation", title: "Our response to the consultation on statutory regulation",
		author: "kwame-mensah", ago: 1770,
		tags:   []string{"policy", "ethics"},
		blocks: []string{"links-ethics"},
		body: `<p>The Society has submitted its response to the government consultation on the statutory regulation of counselling and psychotherapy. Thank you to the 340 members who completed our survey and to the dozen or so who sent longer written comments. This post summarises what we said and why.</p>
<h2>Our position in brief</h2>
<p>We support a protected title for counsellors and psychotherapists, but we have real reservations about the model of regulation proposed.</p>
<ul>
<li>We welcome any measure that makes it harder for people with no training to present themselves as therapists.</li>
<li>We are concerned that the proposed entry standard would exclude experienced practitioners who trained through routes that are now closed, many of whom work in community and voluntary settings.</li>
<li>We asked that any register be funded in a way that does not push fees beyond the reach of part-time and low-paid practitioners.</li>
</ul>
<h2>What members told us</h2>
<p>Seventy-one per cent of respondents supported regulation in principle. Far fewer, around a third, supported the specific proposal. The most common worry was cost; the second was that the register would privilege a narrow range of therapeutic approaches.</p>
<blockquote><p>"I trained in a church hall on Saturday mornings for four years. I have twenty years of supervised practice. I would not meet the proposed standard." (a member from the Ashworth group)</p></blockquote>
<h2>What happens next</h2>
<p>The government has said it will publish a summary of responses within six months. We will keep members updated here and through the regional groups. The full text of our response is on the <a href="https://northfield.example/policy/consultations">policy pages of the Society website</a>.</p>`,
	},
	{
		slug: "thirty-years-in-the-counselling-room-on-endings", title: "Thirty years in the counselling room: notes on endings",
		author: "ruth-van-der-berg", ago: 1745,
		tags: []string{"practice-notes"},
		body: `<p>I have been a counsellor for a little over thirty years, and if you asked me what I have learned in that time, I would say: almost everything important happens at the end.</p>
<h2>Endings are where the work shows</h2>
<p>Clients who have been abandoned, bereaved or let down will often test the ending long before it arrives. A missed session in the third month can be an early rehearsal. I used to treat these as interruptions to the work; now I understand that they <em>are</em> the work.</p>
<h2>What I do differently now</h2>
<ul>
<li>I talk about the ending at the beginning. Even in open-ended work, I say early on that one day we will stop, and that we will decide together how.</li>
<li>I count down. For longer pieces of work, I name the number of sessions left from about six weeks out.</li>
<li>I leave room for anger. A client who is furious with me for ending has often never been allowed to be angry with anyone else who left.</li>
<li>I resist the temptation to be useful in the last session. It is not the moment for new insight. It is the moment for saying goodbye properly, perhaps for the first time.</li>
</ul>
<blockquote><p>"You're the first person I've said goodbye to on purpose." (a client, quoted with her permission)</p></blockquote>
<p>I still find endings hard. I suspect I always will. But I no longer think that is a problem to be solved. It is simply a sign that something real happened in the room.</p>`,
	},
	{
		slug: "eastbrook-group-first-meeting-of-the-year", title: "Eastbrook regional group: first meeting of the year",
		author: "jose-nunez", ago: 1720,
		tags:   []string{"regional-groups"},
		blocks: []string{"contact-eastbrook"},
		body: `<p>Twenty-three of us squeezed into the upstairs room at the Millbridge Quaker Meeting House for the first Eastbrook regional group meeting of the year, which I think is a record. Thank you to everyone who came, and especially to those who brought cake.</p>
<h2>What we talked about</h2>
<p>After introductions (eight new faces, including four trainees from the Millbridge College diploma course), we spent most of the evening on three things:</p>
<ol>
<li><strong>Referral networks.</strong> Several members in private practice said they regularly turn away clients they cannot see, and would like a better way to pass them on. We agreed to build a shared list of who has space, updated monthly.</li>
<li><strong>Peer supervision.</strong> There is clear interest in a peer supervision circle, particularly among members who work alone. We will come back to this.</li>
<li><strong>The programme.</strong> Suggestions for speakers included trauma-informed practice, working with interpreters and the business side of private practice.</li>
</ol>
<h2>Next steps</h2>
<p>The next meeting will be in six weeks, same venue, from 7pm. I will circulate a short survey about speakers before then. If you are a member living or working anywhere between Millbridge and the coast, you are very welcome; you do not need to sign up in advance.</p>
<p>Finally, a plea: the Meeting House asks that we leave the room as we found it. Last time the chairs ended up in a very creative arrangement. Let's not do that again.</p>`,
	},
	{
		slug: "research-summary-clients-on-the-therapeutic-alliance", title: "Research summary: what clients say about the therapeutic alliance",
		author: "lucja-wisniewska", ago: 1700,
		tags: []string{"research"},
		body: `<p>This is the first in an occasional series of research summaries from the Society's Research Committee. The aim is simple: take a paper that most members will not have time to read, and say what it found, how much weight it can bear, and what it might mean in practice.</p>
<h2>The study</h2>
<p>The paper is a qualitative study in which 28 adults who had recently finished a course of counselling were interviewed about what, in their view, made the relationship with their therapist work or fail. Participants had seen therapists from a range of modalities in both NHS and private settings.</p>
<h2>What clients said</h2>
<ul>
<li><strong>Being remembered mattered enormously.</strong> Clients noticed, and valued, a therapist recalling a detail from weeks earlier.</li>
<li><strong>Small ruptures were common and mostly unspoken.</strong> Nearly half described a moment when they felt misunderstood and did not say so.</li>
<li><strong>Technique was rarely mentioned.</strong> When clients described what helped, they talked about qualities ("she didn't flinch") rather than methods.</li>
</ul>
<h2>How much weight can it bear?</h2>
<p>Not a great deal on its own. The sample was small and self-selected, and people who had a bad experience may have been less likely to take part. But the findings fit comfortably with the larger quantitative literature on the alliance, which consistently finds it to be one of the better predictors of outcome.</p>
<h2>What it might mean for practice</h2>
<p>The finding I keep returning to is the unspoken ruptures. It suggests that asking routinely, and without defensiveness, "Was there anything today that didn't feel right?" might surface things clients would otherwise carry home.</p>`,
	},
	{
		slug: "book-review-the-listening-room", title: "Book review: The Listening Room by Ellen Marsh",
		author: "dev-chaudhry", ago: 1680,
		tags: []string{"book-review"},
		body: `<p><em>The Listening Room: Notes from a Life in Psychotherapy</em> by Ellen Marsh (Harbour Lane Press, 240 pages)</p>
<p>Ellen Marsh practised as a psychodynamic psychotherapist for nearly four decades, and this slim book is the distillation of it: twenty-two short chapters, each built around a single session, a single client and a single idea.</p>
<h2>What works</h2>
<p>Marsh writes beautifully about the ordinary. Her chapter on a client who arrived ten minutes late every week for two years, and what it turned out to mean, is the best thing I have read on lateness. She is honest about her mistakes: a chapter titled "The Interpretation I Should Not Have Made" should be required reading on every training course.</p>
<blockquote><p>"The hardest thing I ever learned was to let a silence be the client's, and not mine."</p></blockquote>
<h2>What works less well</h2>
<p>The book is firmly rooted in one tradition, and readers from humanistic or cognitive-behavioural backgrounds may find some of the language opaque. Marsh also writes about a style of long-term, open-ended work that few of us can offer now, and she does not really engage with that. A chapter on what her approach might look like in twelve sessions would have been welcome.</p>
<h2>Who should read it</h2>
<p>Trainees, certainly, for the vignettes. Experienced practitioners, for the sense of being accompanied by someone who has been there. I read it in two sittings and have since given away two copies.</p>
<p><strong>Verdict:</strong> warmly recommended, with the caveat above.</p>`,
	},
	{
		slug: "keeping-notes-that-help-rather-than-hinder", title: "Keeping notes that help rather than hinder",
		author: "margaret-ellsworth", ago: 1655,
		tags:   []string{"practice-notes", "ethics"},
		blocks: []string{"links-ethics"},
		body: `<p>When I qualified, record keeping was something you did at the end of the day with a cup of tea and a guilty conscience. My notes were long, discursive and, I realise now, mostly for me. They would have been of very little use to anyone else, and in a couple of cases they might have been actively unhelpful to my clients if they had ever asked to see them.</p>
<h2>Who are the notes for?</h2>
<p>It helps to remember that clients have a right to see what we write about them. I now write every note as if the client might read it tomorrow. This has not made my notes blander; it has made them more careful and more respectful.</p>
<h2>A simple structure</h2>
<p>I use four short headings for each session:</p>
<ol>
<li><strong>Present:</strong> who attended, and any change to the arrangement.</li>
<li><strong>Themes:</strong> two or three sentences on what was explored, in plain language.</li>
<li><strong>Risk:</strong> any risk discussed, what was agreed and whether anything needs to happen.</li>
<li><strong>Plan:</strong> anything I have agreed to do, or to bring back.</li>
</ol>
<p>Process notes, meaning my own reactions, hunches and half-formed thoughts, I keep separately, take to supervision and then destroy.</p>
<h2>Storage and retention</h2>
<p>Check the Society's guidance on retention and make sure your storage is secure, whether that is a locked cabinet or an encrypted drive. And write a <em>clinical will</em>: a plan for what happens to your notes and your clients if you are suddenly unable to practise. Most of us never get round to it. Please do.</p>`,
	},
	{
		slug: "consent-confidentiality-and-their-limits", title: "Consent, confidentiality and the limits of both",
		author: "christian-billington", ago: 1630, members: true,
		tags:   []string{"ethics"},
		blocks: []string{"contact-ethics", "links-ethics"},
		body: `<p>The questions that reach the Ethics Committee most often are not about dramatic misconduct. They are about confidentiality: when must I break it, when may I, and how do I explain any of this to a client in the first session without frightening them off?</p>
<p>This post pulls together the themes from the last year of helpline queries. All examples are composites.</p>
<h2>Confidentiality is a promise with conditions</h2>
<p>No counsellor can promise absolute confidentiality, and we should not imply that we can. The limits are usually some combination of:</p>
<ul>
<li>serious risk of harm to the client or to others;</li>
<li>safeguarding concerns about a child or an adult at risk;</li>
<li>legal obligations, such as a court order;</li>
<li>supervision, where case material is discussed without identifying the client.</li>
</ul>
<p>The important thing is that clients hear these limits <strong>before</strong> they tell us anything that might trigger them.</p>
<h2>Consent is not a form</h2>
<p>A signed contract at the start of therapy records that a conversation took place. It does not mean consent was informed, and it certainly does not mean it is still current six months later. When the situation changes (a client discloses something new, or a third party asks for information) consent needs to be revisited.</p>
<h3>A typical helpline query</h3>
<p>A member working with a young adult was contacted by the client's mother, who was paying for the sessions and wanted an update. The member felt uncomfortable but also felt some obligation to the person paying. The answer, in brief: the client is the client. Paying the fee does not buy access to the content of the work. The member discussed the call with the client, who chose to tell her mother herself.</p>
<h3>Another</h3>
<p>A member received a letter from a solicitor asking for "all records" relating to a former client. The member's instinct was to comply immediately. The right response was to contact the client, check what they had consented to, seek advice, and release only what was necessary, and only with the client's consent or a court order.</p>
<h2>When in doubt</h2>
<blockquote><p>Pause, consult, record. It is rare that an ethical decision has to be made in the next five minutes.</p></blockquote>
<p>Take it to supervision. Call the ethics helpline. Write down what you decided and why. If you later turn out to have been wrong, a clear record of careful reasoning will matter far more than the decision itself.</p>`,
	},
	{
		slug: "conference-call-for-workshop-proposals", title: "Annual conference: call for workshop proposals",
		author: "priya-raman", ago: 1585, archived: true,
		tags:   []string{"conference", "society-news"},
		blocks: []string{"contact-events"},
		body: `<p>The Society's annual conference will take place over two days at the Northfield Corn Exchange, and we are now inviting members to propose workshops.</p>
<h2>What we are looking for</h2>
<p>This year's theme is <strong>"The Room and Beyond"</strong>: how therapy changes when it moves outside the traditional consulting room, into schools, GP surgeries, community centres, parks and people's homes. We are particularly keen to hear from:</p>
<ul>
<li>members working in community and voluntary settings;</li>
<li>practitioners early in their careers, including trainees;</li>
<li>anyone doing work that challenges the way the profession usually thinks about access.</li>
</ul>
<h2>Format</h2>
<p>Workshops run for 75 minutes and should be genuinely interactive: we ask that no more than a third of the time is spent presenting. Each workshop room holds up to 30 people, and there is a projector in every room.</p>
<h2>How to apply</h2>
<p>Send a title, a 200-word description and a short biography for each presenter to the events team. Proposals will be reviewed by a panel of members, and everyone will hear back within six weeks of the closing date. Presenters receive a free conference place and reasonable travel expenses.</p>
<p>If you have an idea but are not sure it is right, get in touch anyway. Some of the best workshops we have run started as a half-formed email.</p>`,
	},
	{
		slug: "group-supervision-that-actually-works", title: "Group supervision that actually works",
		author: "hannah-whitcombe", ago: 1560,
		tags: []string{"supervision"},
		body: `<p>I have sat in group supervision that was the highlight of my month and group supervision I dreaded. The difference was rarely the people. It was almost always the structure.</p>
<h2>Size and membership</h2>
<p>Four is ideal; six is the maximum. Any larger and people stop bringing difficult material because there is not enough time for it to be properly heard. Mixed experience levels work well, as long as the newest members are not left feeling like an audience.</p>
<h2>A structure that works</h2>
<p>The format I use with the groups I facilitate is deliberately simple:</p>
<ol>
<li><strong>Check-in (10 minutes).</strong> One sentence each on how you are arriving. Not a case.</li>
<li><strong>Bidding (5 minutes).</strong> Everyone says whether they have something to bring and how urgent it is.</li>
<li><strong>Presentations (2 × 35 minutes).</strong> The presenter says what they want from the group <em>before</em> they describe the client.</li>
<li><strong>Check-out (10 minutes).</strong> What are you taking away?</li>
</ol>
<h2>The presenter's question</h2>
<p>That third step is the single biggest improvement I have made. When a presenter starts with "I want help understanding why I keep running over time with this client", the group knows what to listen for. Without it, the discussion tends to drift towards whatever the most confident person in the room finds interesting.</p>
<h2>Holding the group</h2>
<p>Someone has to keep time and notice who has not spoken. In peer groups, rotate this role. It is a surprisingly good way to learn what a supervisor actually does.</p>`,
	},
	{
		slug: "working-with-interpreters-in-the-therapy-room", title: "Working with interpreters in the therapy room",
		author: "kwame-mensah", ago: 1540,
		tags: []string{"practice-notes", "diversity-and-inclusion"},
		body: `<p>In my NHS work I see a growing number of clients through interpreters, and I have learned more about therapy from these sessions than from most of my training. Here are some notes for colleagues who are new to three-way work.</p>
<h2>Before the session</h2>
<ul>
<li>Meet the interpreter for ten minutes before the first session. Explain what counselling involves and that you may ask them to interpret things that are emotionally difficult.</li>
<li>Agree that they will interpret in the first person ("I feel...") rather than reporting ("She says she feels...").</li>
<li>Check, discreetly, whether the interpreter knows the client. In small communities this is common and can make the work impossible.</li>
</ul>
<h2>In the room</h2>
<p>Sit so that you can see the client and speak to them directly, not to the interpreter. Keep sentences short. Expect the pace to be slower, and do not be afraid of it; the pauses often give clients time to think in a way that ordinary conversation does not.</p>
<h2>After the session</h2>
<p>Interpreters hear the same distressing material we do, without the training, supervision or support. A short debrief after each session is not a courtesy; it is a duty of care. Ask how they are. Ask whether anything was hard to translate. Words for feelings often do not map neatly between languages, and those gaps can be clinically important.</p>
<blockquote><p>"There is no word in my language for 'depressed'. I said 'her heart is heavy'. Was that right?" (an interpreter, after a first session)</p></blockquote>
<p>It was exactly right, and it changed how I understood the client.</p>`,
	},
	{
		slug: "eastbrook-group-programme-for-the-coming-months", title: "Eastbrook group: programme for the coming months",
		author: "jose-nunez", ago: 1515,
		tags:   []string{"regional-groups"},
		blocks: []string{"contact-eastbrook"},
		body: `<p>Thank you to everyone who filled in the speaker survey. Here is the Eastbrook group programme for the next three meetings, all at the Millbridge Quaker Meeting House from 7pm.</p>
<table>
<thead><tr><th>Meeting</th><th>Topic</th><th>Led by</th></tr></thead>
<tbody>
<tr><td>First</td><td>Working with interpreters</td><td>Kwame Mensah</td></tr>
<tr><td>Second</td><td>The business of private practice: fees, contracts and tax</td><td>Helen Garside</td></tr>
<tr><td>Third</td><td>Peer supervision: should we start a circle?</td><td>Open discussion</td></tr>
</tbody>
</table>
<h2>About the speakers</h2>
<p>Kwame has written on this blog about <a href="/posts/working-with-interpreters-in-the-therapy-room">working with interpreters</a>, and will bring some of the practical lessons from his NHS service. Helen Garside is a Millbridge accountant who works with many sole practitioners in health and care; she has promised to keep it interesting, and to leave plenty of time for questions.</p>
<h2>Referral list</h2>
<p>The shared referral list is now up and running, with fourteen members listed. If you would like to be added, send me your name, the days you work, the client groups you see and whether you currently have space. Please let me know when your availability changes: a list that is out of date is worse than no list at all.</p>
<h2>Getting there</h2>
<p>The Meeting House is five minutes' walk from Millbridge station. There is limited parking at the back; the public car park on Tanner Street is free after 6pm. The room is on the first floor, and there is a lift. Ask at the door if you need it.</p>`,
	},
	{
		slug: "book-review-small-rooms-long-silences", title: "Book review: Small Rooms, Long Silences by Adrian Kell",
		author: "dev-chaudhry", ago: 1475,
		tags: []string{"book-review", "diversity-and-inclusion"},
		body: `<p><em>Small Rooms, Long Silences: Therapy with Men</em> by Adrian Kell (Foxglove Academic, 310 pages)</p>
<p>Men are under-represented among people who seek counselling and over-represented in the suicide statistics, and Adrian Kell's book sets out to ask what the profession might do about that. It is a serious, well-researched and occasionally frustrating book.</p>
<h2>The argument</h2>
<p>Kell's central claim is that many men experience the conventional therapy setting (two chairs, eye contact, an invitation to talk about feelings) as a kind of exam they expect to fail. He draws on his own practice and on interviews with thirty-odd male clients to describe alternatives: walking sessions, side-by-side seating, structured tasks, and a more explicit explanation of what therapy is for.</p>
<h2>Strengths</h2>
<ul>
<li>The interview material is vivid and unpatronising. These are men describing their own experience in their own words.</li>
<li>The practical chapters are genuinely practical. The section on the first phone call alone is worth the price.</li>
<li>Kell is careful not to claim that all men are the same.</li>
</ul>
<h2>Weaknesses</h2>
<p>The book is too long by about a third, and the middle chapters repeat themselves. More seriously, Kell says very little about class, ethnicity or sexuality, all of which shape how men relate to help-seeking at least as much as gender does. A book that takes difference seriously in one dimension and ignores it in others feels incomplete.</p>
<h2>Verdict</h2>
<p>Read chapters one to four and nine to twelve. Skim the rest. Then think about your own first sessions, and who they are designed for.</p>`,
	},
}
