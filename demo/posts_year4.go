package demo

// postsFourthYear were published three to four years ago.
var postsFourthYear = []postSpec{
	{
		slug: "annual-conference-report-day-one", title: "Annual conference report: day one",
		author: "christian-billington", ago: 1450,
		tags:   []string{"conference"},
		blocks: []string{"contact-events"},
		body: `<p>More than three hundred members came to the Northfield Corn Exchange for this year's annual conference, our largest gathering yet. For those who could not make it, here is a personal account of the first day. Day two follows in a separate post.</p>
<h2>Opening keynote: "The Room and Beyond"</h2>
<p>Professor Miriam Oduya opened the conference with a keynote that managed to be both provocative and kind. Her argument: the fifty-minute hour in a quiet room is a historical accident, not a clinical necessity, and the profession's attachment to it excludes many of the people who most need help.</p>
<blockquote><p>"We built a door that only some people can walk through, and then we wondered why only some people came in."</p></blockquote>
<p>She was careful not to dismiss the consulting room altogether. For many clients, its predictability is exactly what makes it safe. But she asked us to be honest about whose needs our arrangements really serve.</p>
<h2>Morning workshops</h2>
<p>I attended Aoife Ní Bhriain's workshop on counselling in schools, which was one of the most practical sessions I have been to in years. Aoife described working in rooms that double as storage cupboards, sessions interrupted by fire drills, and the particular challenge of maintaining confidentiality in a building where everyone knows everyone. Her list of "non-negotiables" for a school counselling room (a door that closes, a sign that is respected, a clock the young person can see) is going straight into my notes.</p>
<p>Colleagues tell me that the parallel session on therapy in GP surgeries was equally good, and that the question-and-answer session ran over by twenty minutes.</p>
<h2>Afternoon: the members' forum</h2>
<p>The afternoon forum was lively. The main topics were the cost of membership, the consultation on regulation (see <a href="/posts/consultation-response-statutory-regulation">Kwame's summary of our response</a>), and whether the conference should move around the region rather than always being in Northfield. The board has promised to respond to all three by the end of the year.</p>
<h2>The evening</h2>
<p>The conference dinner was, as ever, the best part for many people. It was a pleasure to see so many trainees there, and to hear a retired member tell a table of second-year students that the most important thing she ever learned was "how to sit still and not fix anything".</p>`,
	},
	{
		slug: "annual-conference-report-day-two", title: "Annual conference report: day two",
		author: "christian-billington", ago: 1448,
		tags: []string{"conference", "research"},
		body: `<p>This is the second half of my report from the annual conference; you can read about <a href="/posts/annual-conference-report-day-one">day one here</a>.</p>
<h2>A research morning</h2>
<p>Day two opened with three short research presentations from members. Łucja Wiśniewska presented early findings from a small study of outcome measures in private practice, and has promised a fuller write-up for this blog. A team from Ashworth University described a pilot of drop-in counselling at a food bank, which saw more than eighty people in six months, most of whom had never used any kind of talking therapy before.</p>
<p>The third presentation, on therapist wellbeing, prompted the most questions: the finding that one in four respondents had considered leaving the profession in the last year drew an audible reaction from the room.</p>
<h2>Workshop: the ethics of home visits</h2>
<p>I co-facilitated this one, so I cannot review it impartially. What I can say is that the discussion confirmed how little guidance there is for members who see clients at home, and how much anxiety this causes. The Ethics Committee will take this away.</p>
<h2>Closing plenary</h2>
<p>The closing session was a panel of four members at different stages of their careers, from a first-year trainee to a counsellor who retired last year. Asked what they would change about the profession, they answered:</p>
<ul>
<li>"Cheaper training, so it isn't only people who can afford it."</li>
<li>"Better pay in the voluntary sector."</li>
<li>"More honesty about how hard the work is."</li>
<li>"More laughter. We take ourselves too seriously."</li>
</ul>
<p>It was a fitting end. Thank you to the events team, to the volunteers on the registration desk, and to everyone who came. See you next year.</p>`,
	},
	{
		slug: "logging-cpd-without-losing-the-will-to-live", title: "Logging CPD without losing the will to live",
		author: "oluwaseun-adeyemi", ago: 1420,
		tags:   []string{"cpd"},
		blocks: []string{"links-cpd"},
		body: `<p>Every year, around renewal time, the Society's inbox fills up with members asking how to record their continuing professional development. Every year, I am one of the people scrambling to reconstruct twelve months of training from old emails and bank statements. This year I decided to fix that.</p>
<h2>The requirement, briefly</h2>
<p>Members need to complete and record at least 30 hours of CPD a year, and be able to say how it relates to their practice. The Society audits a random sample of members each year. It is not onerous, but it is much easier if you record as you go.</p>
<h2>What counts</h2>
<p>More than many people think. As well as formal courses, CPD can include:</p>
<ul>
<li>reading, if you reflect on it: a book, a journal article, a good blog post;</li>
<li>peer supervision and case discussion groups, beyond your required supervision;</li>
<li>attending or presenting at conferences and regional group meetings;</li>
<li>personal therapy, where it relates to your development as a practitioner;</li>
<li>developing a new service or resource.</li>
</ul>
<h2>My system</h2>
<p>It is embarrassingly simple. I keep a single spreadsheet with five columns: date, activity, hours, what I learned, and how it changes my practice. The last column is the one that matters. I fill in a row within a day of the activity, on my phone, on the train, wherever.</p>
<p>The Society publishes a template, linked from this page, that does much the same thing. Use whatever you will actually use. The best CPD log is the one that is up to date.</p>`,
	},
	{
		slug: "systemic-ideas-for-individual-practitioners", title: "Systemic ideas for individual practitioners",
		author: "soren-odegaard", ago: 1400,
		tags: []string{"couples-and-families", "practice-notes"},
		body: `<p>I trained as a family therapist, but for the last few years most of my work has been with individuals. People sometimes ask whether I miss having the whole family in the room. The honest answer is that, in my head, they are always in the room.</p>
<p>Here are three systemic ideas that I think any counsellor can use, whatever their training.</p>
<h2>1. Ask about the relationships, not just the person</h2>
<p>When a client describes a problem, I am curious about who else it affects and how. "Who worries most about your drinking?" or "Who in your family would be least surprised to hear you were struggling?" often opens up more than "How does it make you feel?"</p>
<h2>2. Look for patterns, not causes</h2>
<p>Systemic thinking is wary of straightforward cause and effect. A mother nags because her son withdraws; the son withdraws because his mother nags. Asking where it started is usually less useful than asking how the pattern keeps itself going, and who might be able to step out of it first.</p>
<h2>3. Be curious about your own position</h2>
<p>As soon as you start working with someone, you become part of their system. Clients will often invite us into familiar roles: the strict parent, the rescuer, the one who finally takes their side. Noticing which role you are being offered is half the work.</p>
<blockquote><p>"The person is not the problem; the pattern is." (a line I had pinned above my desk through most of my training)</p></blockquote>
<p>None of this requires a one-way mirror or a team behind it. It just requires a slightly wider lens.</p>`,
	},
	{
		slug: "research-summary-routine-outcome-measures", title: "Research summary: routine outcome measures in private practice",
		author: "lucja-wisniewska", ago: 1380,
		tags: []string{"research", "practice-notes"},
		body: `<p>At the annual conference I presented early findings from a small study of routine outcome measures in private practice. Several people asked for a written version, so here it is. <a href="/posts/annual-conference-report-day-two">Christian's conference report</a> summarises the other research presentations from that morning.</p>
<h2>What we did</h2>
<p>We invited members in private practice to tell us whether they used any standardised outcome measure with clients, which one, and what they did with the results. Ninety-four members responded, and twelve took part in follow-up interviews.</p>
<h2>What we found</h2>
<table>
<thead><tr><th>Practice</th><th>Members</th><th>Per cent</th></tr></thead>
<tbody>
<tr><td>Use a measure at every session</td><td>17</td><td>18%</td></tr>
<tr><td>Use a measure at start and end only</td><td>26</td><td>28%</td></tr>
<tr><td>Used one in the past but stopped</td><td>21</td><td>22%</td></tr>
<tr><td>Have never used one</td><td>30</td><td>32%</td></tr>
</tbody>
</table>
<p>The most interesting group was the one in the third row. Their reasons for stopping were remarkably consistent: the measures felt like paperwork, clients found them intrusive, or, most often, "I never did anything with the scores."</p>
<h2>What made the difference</h2>
<p>Members who used measures every session and found them valuable shared one habit: they <strong>talked about the scores with the client</strong>. A drop in the score became a conversation ("Your score went down this week; does that fit with how things have been?") rather than a data point.</p>
<h2>Limitations</h2>
<p>This was a convenience sample, and members who care about outcome measurement were probably more likely to respond. We cannot say anything about whether using measures improved outcomes. But we can say that, for those who use them well, measures seem to work as a prompt for conversation rather than a substitute for it.</p>`,
	},
	{
		slug: "moving-my-practice-online-overnight", title: "Moving my practice online overnight",
		author: "margaret-ellsworth", ago: 1360,
		tags: []string{"online-therapy", "practice-notes"},
		body: `<p>Six weeks ago the building where I have rented a counselling room for eleven years closed for urgent repairs, with a week's notice. I had twenty-two clients, no alternative room and, I will be honest, a deep suspicion of therapy by video. Here is what happened.</p>
<h2>The first week</h2>
<p>I phoned every client. Most were willing to try video; three preferred the telephone; two decided to pause until I had a room again. I had assumed the older clients would be the reluctant ones. In fact, the most reluctant was a man in his twenties who did not want to be seen in his shared flat.</p>
<h2>What I got wrong</h2>
<ul>
<li>I assumed clients would have a private space. Many did not. One spent every session in her car.</li>
<li>I forgot that I would be visible too. My bookshelves, my cat and on one occasion my husband became part of the work.</li>
<li>I had no plan for what to do if the connection dropped at a difficult moment. Now I agree one at the start: I will call your phone straight away.</li>
</ul>
<h2>What surprised me</h2>
<p>The work was different, but it was not worse. Some clients said more on screen than they ever had in the room. Seeing people in their own homes told me things I would never have known. And not having to travel meant that two clients who had often cancelled came every single week.</p>
<p>My room reopens next month. I will go back, but I am keeping a couple of online slots, which is not something I would have predicted.</p>`,
	},
	{
		slug: "secure-online-practice-checklist", title: "A checklist for secure online practice",
		author: "mei-ling-tsang", ago: 1345, members: true,
		tags:   []string{"online-therapy", "ethics"},
		blocks: []string{"links-ethics"},
		body: `<p>After reading <a href="/posts/moving-my-practice-online-overnight">Margaret's account of moving online</a>, several members asked the Ethics Committee for something practical. I have been working online for several years, so I volunteered to draft a checklist. It is not legal advice, and it does not replace the Society's guidance, but it covers the questions I am asked most often.</p>
<h2>Technology</h2>
<ul>
<li>Use a video platform that offers end-to-end encryption or a clear data processing agreement, and check where the data is stored.</li>
<li>Do not record sessions. If there is ever a reason to, get explicit written consent.</li>
<li>Keep your software up to date, and use a separate user account on your computer for client work.</li>
<li>Send links individually; never reuse a single "room" link for every client.</li>
</ul>
<h2>Contracting</h2>
<ul>
<li>Agree what happens if the connection fails.</li>
<li>Ask where the client is at the start of each session, in case of an emergency.</li>
<li>Discuss privacy at the client's end: who else is at home, whether they can be overheard, and whether they would like a signal to use if someone walks in.</li>
</ul>
<h2>Boundaries</h2>
<ul>
<li>Decide whether you will accept messages between sessions, and say so in writing.</li>
<li>Check your insurance covers online work, and take on clients in other countries only once you have checked the rules where they live.</li>
</ul>
<h2>Yourself</h2>
<p>Screen sessions are tiring in a different way. I do not see more than five clients a day online, and I take a proper break, away from the screen, between each one.</p>`,
	},
	{
		slug: "young-people-who-do-not-want-to-be-in-the-room", title: "Working with young people who do not want to be in the room",
		author: "aoife-ni-bhriain", ago: 1330,
		tags: []string{"children-and-young-people", "practice-notes"},
		body: `<p>Most of the young people I see in school did not choose to come. A head of year referred them, or a parent insisted, or they were offered a choice between counselling and a detention. So the first task is not to start therapy. It is to find out whether there is anything they might want from me at all.</p>
<h2>Name the elephant</h2>
<p>I usually say something like: "I know you didn't ask to be here. You don't have to talk about anything you don't want to, and if you decide this isn't for you, that's allowed." Saying it out loud often takes the heat out of the room. Some young people are visibly surprised that an adult has acknowledged it.</p>
<h2>Side by side is easier than face to face</h2>
<p>A lot of my best conversations happen while we are doing something else: drawing, building something, playing cards. Eye contact is intense when you are fourteen. A task gives everyone somewhere to look.</p>
<h2>Be honest about confidentiality</h2>
<p>Young people are experts at spotting adults who are not being straight with them. I explain clearly what I would have to share and with whom, and I keep my word. If I ever do need to pass something on, I tell them first, unless doing so would put them at risk.</p>
<h2>Small goals</h2>
<ul>
<li>"Get through next week without being sent out of maths."</li>
<li>"Talk to my mum about Dad moving out."</li>
<li>"Sleep before midnight."</li>
</ul>
<p>None of these would appear in a textbook as a therapeutic goal. All of them were chosen by the young person, which is why they mattered.</p>`,
	},
	{
		slug: "supervision-over-video", title: "Supervision over video: what changes and what doesn't",
		author: "hannah-whitcombe", ago: 1310,
		tags: []string{"supervision", "online-therapy"},
		body: `<p>Like many supervisors, I moved some of my supervision online when my supervisees did. <a href="/posts/moving-my-practice-online-overnight">Margaret's post about moving her practice online</a> made me think about what has changed on my side of the screen.</p>
<h2>What is lost</h2>
<p>The walk from the door to the chair. The way someone puts their bag down. The tea. A lot of what I pick up in supervision arrives before the supervisee has said a word, and much of it does not survive the camera. I have learned to ask more directly: "How are you, really?"</p>
<h2>What is gained</h2>
<ul>
<li>Supervisees in rural areas no longer spend two hours driving for a one-hour session.</li>
<li>It is easier to arrange an extra session at short notice when something urgent comes up.</li>
<li>Some supervisees seem to find it easier to bring shame-laden material when they are in their own space.</li>
</ul>
<h2>What stays the same</h2>
<p>The contract, the confidentiality and the responsibility. If anything, online supervision needs clearer contracting: where will client material be discussed, who might overhear, what happens to any notes?</p>
<h2>A mixed model</h2>
<p>Where I can, I now meet supervisees in person at least a few times a year, even if most sessions are online. It helps to have shared a room. The relationship seems to carry better over the screen afterwards, in the same way that a phone call with an old friend is easier than one with a stranger.</p>`,
	},
	{
		slug: "consultation-response-online-therapy-standards", title: "Draft response: proposed standards for online therapy",
		author: "kwame-mensah", ago: 1290, members: true,
		tags:   []string{"policy", "online-therapy"},
		blocks: []string{"links-ethics"},
		body: `<p>This is a summary, for members, of the Society's draft response to the consultation on proposed standards for online and telephone therapy. We would welcome your comments before we submit it at the end of next month.</p>
<h2>What the standards propose</h2>
<ol>
<li>A minimum of 20 hours' specific training before offering online therapy.</li>
<li>Mandatory assessment of the client's suitability for online work.</li>
<li>Restrictions on working with clients outside the practitioner's own country.</li>
<li>Specific requirements for data security and record keeping.</li>
</ol>
<h2>Our draft view</h2>
<p>We broadly support points 2 and 4. Mei-Ling Tsang's <a href="/posts/secure-online-practice-checklist">checklist for secure online practice</a> already covers much of what the standards require on security.</p>
<p>We have concerns about point 1. Many members have now been working online for some time and have developed real expertise. A fixed training requirement that ignores experience would be a blunt instrument. We will propose that supervised experience can count towards the requirement.</p>
<p>On point 3, we agree that practitioners need to understand the law where their clients live, but we are worried that a blanket restriction would cut off clients who move abroad mid-therapy, often at exactly the moment they most need continuity.</p>
<h2>What we would like from you</h2>
<ul>
<li>Examples of online work with clients abroad, good or bad.</li>
<li>Views on what a proportionate training requirement would look like.</li>
<li>Any experience of working online with young people, where we are less sure of our position.</li>
</ul>
<p>Reply to the policy team or raise it at your regional group. Every comment is read.</p>`,
	},
	{
		slug: "regional-groups-meeting-online-for-now", title: "Regional groups are meeting online for now",
		author: "priya-raman", ago: 1270, archived: true,
		tags:   []string{"regional-groups", "society-news"},
		blocks: []string{"contact-membership"},
		body: `<p>A short update on regional groups. Several of our regular venues have become unavailable at once: the Millbridge Quaker Meeting House is closed for roof repairs, and the Ashworth Library community room is no longer available for hire in the evenings. Rather than cancel meetings, the regional group convenors have agreed to meet online for the next few months.</p>
<h2>What this means for you</h2>
<ul>
<li>Meetings will take place at the usual times. Links will be sent to members on each group's mailing list the day before.</li>
<li>If you are not on a mailing list, contact the membership office and we will add you.</li>
<li>Groups that were planning speakers will keep them where the speaker is happy to present online.</li>
</ul>
<h2>A note on confidentiality</h2>
<p>Regional groups sometimes include case discussion. Please join from somewhere private, use headphones if others are at home, and remember that the usual agreement applies: nothing identifying leaves the meeting.</p>
<h2>Looking for venues</h2>
<p>If you know of an accessible, affordable room in Millbridge, Ashworth or the surrounding area that holds 25 people in the evening, the convenors would love to hear from you. Good venues are hard to find, and a recommendation from a member is worth more than anything on a booking website.</p>
<p>We will update this post when in-person meetings resume.</p>`,
	},
	{
		slug: "when-the-work-comes-home", title: "When the work comes home",
		author: "oluwaseun-adeyemi", ago: 1250,
		tags: []string{"wellbeing"},
		body: `<p>A few months ago I sat in my car outside my house for twenty minutes before going in. Nothing dramatic had happened that day. I had seen five clients, all of whom were doing the ordinary hard work of therapy. I just could not face being a husband and a father for a little while.</p>
<p>I mention it because I suspect it is more common than we admit.</p>
<h2>The cost of caring</h2>
<p>We talk a great deal about self-care in training and then, in practice, mostly ignore it. Caseloads creep up. Breaks get used for notes. Supervision focuses on clients, not on us. And because we are the helpers, asking for help can feel like a professional failure.</p>
<h2>What I have changed</h2>
<ol>
<li><strong>A transition ritual.</strong> I now walk for fifteen minutes between my last client and getting home. No podcast, no phone.</li>
<li><strong>A hard cap.</strong> I see no more than five clients in a day and twenty in a week. It costs me money. It is worth it.</li>
<li><strong>Asking my supervisor about me.</strong> Once a month, I use part of supervision to talk about how I am, not how my clients are.</li>
<li><strong>Going back to therapy.</strong> I had not been a client for eight years. It was time.</li>
</ol>
<h2>A question for the Society</h2>
<p>Many of us work alone, with no manager to notice when we are struggling. I would like the Society to think harder about how it supports practitioner wellbeing: not as a nice extra, but as part of protecting clients. Tired therapists make mistakes.</p>`,
	},
	{
		slug: "dual-relationships-in-small-communities", title: "Dual relationships in small communities",
		author: "christian-billington", ago: 1200,
		tags:   []string{"ethics"},
		blocks: []string{"contact-ethics"},
		body: `<p>Counsellors in cities can usually avoid seeing clients outside the therapy room. In a small town or a tight-knit community, that is often impossible. The Ethics Committee gets regular queries from members who have found that their client is their child's teacher, their new neighbour or a fellow member of the choir.</p>
<h2>The code does not forbid all dual relationships</h2>
<p>It asks us to avoid relationships that risk exploitation or confusion, and to manage the ones we cannot avoid. That is a more realistic standard, but it puts the responsibility for judgement on us.</p>
<h2>Questions to ask yourself</h2>
<ul>
<li>Could the other relationship give me power over the client, or them over me?</li>
<li>Will I be able to hear everything the client brings, including things about our shared world?</li>
<li>Can I talk about this openly with the client?</li>
<li>What would a thoughtful colleague say if they knew?</li>
</ul>
<h2>Practical steps</h2>
<p>Talk about it in the first session if you know, and as soon as it arises if you do not. Agree together how you will handle meeting outside; most clients prefer that you wait for them to acknowledge you. Record the conversation. Take it to supervision, and keep taking it.</p>
<blockquote><p>"In a village of two thousand people, the question is not whether you will meet your clients in the shop. It is what you will do when you do." (a member from the rural north of the region)</p></blockquote>
<p>Sometimes the right answer is to refer on. But in many places there is nobody to refer on to, and a carefully managed dual relationship is better than no therapy at all.</p>`,
	},
	{
		slug: "grief-when-the-funeral-is-far-away", title: "Grief when the funeral is far away",
		author: "fatima-al-hassan", ago: 1180,
		tags:   []string{"bereavement", "diversity-and-inclusion"},
		blocks: []string{"links-find-counsellor"},
		body: `<p>Many of the clients I see in bereavement work are members of diaspora communities. A growing number of them share a particular kind of grief: a parent or sibling dies in another country and, for reasons of money, visas, work or health, they cannot be there for the funeral.</p>
<h2>Grief without ritual</h2>
<p>Funerals do a great deal of psychological work. They make the death real, gather people together and mark the point at which mourning begins. Clients who miss them often describe feeling, months later, that the death "hasn't happened yet", or that they are grieving in a vacuum while everyone back home has moved on together.</p>
<h2>What helps</h2>
<ul>
<li><strong>Asking about the rituals they missed.</strong> What would have happened? Who would have been there? What would they have done?</li>
<li><strong>Creating a ritual here.</strong> Some clients light a candle at the time of the funeral, cook a dish the person loved, or gather friends for a meal. I help them plan it if they want to.</li>
<li><strong>Making room for guilt.</strong> "I should have been there" comes up in almost every case. It deserves to be heard rather than reassured away.</li>
<li><strong>Remembering the living.</strong> Relationships with family abroad can be strained by a missed funeral, and this often needs attention too.</li>
</ul>
<h2>A word about watching from afar</h2>
<p>Some clients have watched a funeral streamed to a phone screen. For some it was a comfort; for others it was worse than nothing, a reminder of exactly how far away they were. I have stopped assuming which it will be.</p>`,
	},
	{
		slug: "letting-go-of-a-caseload", title: "Letting go of a caseload",
		author: "ruth-van-der-berg", ago: 1160,
		tags:   []string{"retirement", "practice-notes"},
		blocks: []string{"contact-membership"},
		body: `<p>I have decided to stop seeing clients at the end of the year. I have been thinking about it for a long time, and the decision itself was easier than I expected. What I was not prepared for was how long it would take to do properly.</p>
<h2>Telling clients</h2>
<p>I gave my longer-term clients nine months' notice. That sounds like a lot, but some of them have been seeing me for years, and an ending of that size deserves time. I have written before about <a href="/posts/thirty-years-in-the-counselling-room-on-endings">how much happens at the end of therapy</a>, and it turns out I am not exempt from my own advice.</p>
<h2>Referrals</h2>
<p>Not everyone will want to continue with someone else, but everyone should have the option. I have spoken to four colleagues who have agreed to take referrals, and I am offering each client a joint handover conversation if they want one.</p>
<h2>The practical things</h2>
<ul>
<li>Letting my insurer, the Society and my supervisor know.</li>
<li>Working out what happens to my notes, and for how long.</li>
<li>Deciding whether to keep my name in the directory (no).</li>
<li>Switching to retired membership, which I intend to do. I am not ready to stop being part of this community.</li>
</ul>
<h2>The part nobody mentions</h2>
<p>For thirty years, being a counsellor has been a large part of who I am. I do not yet know who I will be on a Tuesday morning in January. I am trying to treat that as an interesting question rather than a frightening one.</p>`,
	},
	{
		slug: "fees-sliding-scales-and-avoided-conversations", title: "Fees, sliding scales and the conversations we avoid",
		author: "bjorn-muller", ago: 1140, members: true,
		tags: []string{"practice-notes", "ethics"},
		body: `<p>Counsellors are famously bad at talking about money. We will explore a client's relationship with their mother in forensic detail and then mumble our fee while looking at the floor. I was no exception, until a supervisor asked me why I had not raised my fees in six years.</p>
<h2>Why it matters</h2>
<p>Money is part of the therapeutic frame, like time and place. Handled clearly, it is one of the things that makes the relationship safe: the client knows what they are paying for, and does not owe you anything else. Handled badly, it leaks into the work, as resentment on our side and guilt or confusion on theirs.</p>
<h2>Sliding scales</h2>
<p>I offer a sliding scale because I want my practice to be available to people on low incomes. But I have learned that a scale needs rules, or it turns into a negotiation in every first session.</p>
<ul>
<li>I publish three bands on my website, with a short description of who each is for.</li>
<li>Clients choose their own band. I do not ask for evidence.</li>
<li>I keep a fixed number of low-fee places, and when they are full, they are full.</li>
</ul>
<h2>Raising fees</h2>
<p>I now review my fees once a year and give existing clients three months' notice of any increase. Long-term clients on low incomes stay on their existing fee. Saying all this out loud, in writing, was surprisingly liberating.</p>
<h2>Missed sessions</h2>
<p>My contract says that sessions cancelled with less than 48 hours' notice are charged. I apply it, kindly and consistently. The one time I did not, the client later told me she had assumed I did not think the sessions were worth very much.</p>`,
	},
	{
		slug: "eastbrook-group-what-we-learned-online", title: "Eastbrook group: what we learned from meeting online",
		author: "jose-nunez", ago: 1120,
		tags:   []string{"regional-groups", "online-therapy"},
		blocks: []string{"contact-eastbrook"},
		body: `<p>The Millbridge Meeting House has reopened with a new roof, and the Eastbrook group will be meeting there again from next month. We moved online when the building closed. It was meant to be for a few weeks. It lasted five months. Here is what we learned.</p>
<h2>More people came</h2>
<p>Average attendance went from about eighteen to about twenty-six. Members from the coast, who used to face an hour's drive each way, came regularly for the first time. So did two members with young children and one who uses a wheelchair and had found the old venue difficult, despite the lift.</p>
<h2>Less happened between people</h2>
<p>The conversations in the car park, the cups of tea, the "can I have a quick word": none of that survived the move online. Several newer members said they did not really feel they knew anyone. That matters for a group whose main purpose is to reduce isolation.</p>
<h2>What we will do now</h2>
<p>We discussed this at length at our last online meeting and agreed a mixed pattern:</p>
<ul>
<li>Alternate months in person and online.</li>
<li>In-person meetings will start half an hour earlier with tea, so there is unstructured time to talk.</li>
<li>The peer supervision circle, which we have finally agreed to set up, will meet in person wherever possible.</li>
</ul>
<p>Thank you to everyone who kept the group going through five months of screens. When we started, at <a href="/posts/eastbrook-group-first-meeting-of-the-year">that crowded first meeting</a>, I did not imagine we would need to adapt so much. I am proud that we did.</p>`,
	},
	{
		slug: "research-summary-therapist-self-disclosure", title: "Research summary: when therapists talk about themselves",
		author: "lucja-wisniewska", ago: 1100,
		tags: []string{"research"},
		body: `<p>Should therapists ever tell clients about themselves? Different traditions give very different answers, and most of us were trained with a strong view one way or the other. This summary looks at a review that brought together studies of what actually happens when therapists self-disclose.</p>
<h2>The review</h2>
<p>The authors pooled findings from studies that examined therapist self-disclosure in real sessions, rather than in hypothetical scenarios. They distinguished between disclosures of <em>facts</em> ("I have children too"), <em>feelings</em> in the moment ("I notice I feel sad as you say that"), and <em>similar experiences</em> ("I also went through a divorce").</p>
<h2>Main findings</h2>
<ul>
<li>Disclosure was rare: on average a few times per course of therapy, not per session.</li>
<li>Clients generally rated disclosures as helpful when they were brief, relevant and quickly returned the focus to the client.</li>
<li>Disclosures of immediate feelings about the relationship were more consistently helpful than disclosures of personal history.</li>
<li>Unhelpful disclosures were usually long, or seemed to meet the therapist's needs rather than the client's.</li>
</ul>
<h2>The caveats</h2>
<p>Most of the studies relied on client and therapist ratings immediately after sessions, which tells us little about longer-term effects. And the review could not say much about which clients benefit most.</p>
<h2>So what?</h2>
<p>The practical message is modest but useful: the question is not "should I ever disclose?" but "whose need is this disclosure meeting, and how quickly can I hand the focus back?" That seems a question worth taking to supervision each time the urge arises.</p>`,
	},
}
