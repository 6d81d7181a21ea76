package demo

// postsUpcoming are published but dated in the future: readers see them as scheduled.
var postsUpcoming = []postSpec{
	{
		slug: "annual-conference-booking-opens", title: "Annual conference: booking is open",
		author: "priya-raman", ago: -4,
		tags:   []string{"conference", "society-news"},
		blocks: []string{"contact-events", "cta-join"},
		body: `<p>Booking for this year's annual conference is now open to members, and will open to non-members in two weeks. The conference returns to the Northfield Corn Exchange for two days, with the theme <strong>"Beginnings"</strong>: first sessions, first placements, new services, and the profession's next generation.</p>
<h2>Prices</h2>
<table>
<thead><tr><th>Ticket</th><th>Early booking</th><th>Standard</th></tr></thead>
<tbody>
<tr><td>Professional member, two days</td><td>£165</td><td>£195</td></tr>
<tr><td>Professional member, one day</td><td>£95</td><td>£110</td></tr>
<tr><td>Student or retired member, two days</td><td>£70</td><td>£85</td></tr>
<tr><td>Non-member, two days</td><td>£240</td><td>£270</td></tr>
<tr><td>Conference dinner</td><td colspan="2">£42</td></tr>
</tbody>
</table>
<p>Early booking prices apply for the first six weeks.</p>
<h2>Bursaries</h2>
<p>Thirty bursary places are available, covering the full conference fee, for trainees and for members on low incomes. Apply through the booking form; you do not need to provide evidence, and decisions are made by the events team in confidence.</p>
<h2>What's on</h2>
<p>The full programme will be published next month. As last year, there will be four workshop streams, a research morning, the members' forum and a trainees' lunch. Following the success of <a href="/posts/conference-report-the-online-practice-stream">last year's online practice stream</a>, it returns with a focus on starting out as an online practitioner.</p>
<h2>Access</h2>
<p>The venue is step-free throughout, with a quiet room and a prayer room available on both days. Please tell us about any access requirements when you book.</p>
<p>We look forward to seeing you there.</p>`,
	},
	{
		slug: "supervision-and-ai-note-taking-tools", title: "Supervision in the age of AI note-taking tools",
		author: "hannah-whitcombe", ago: -11, members: true,
		tags:   []string{"supervision", "ethics", "online-therapy"},
		blocks: []string{"links-ethics"},
		body: `<p>Three of my supervisees have asked me in the last month whether they can use software that records sessions and produces notes automatically. Two of them had already started. This post sets out the questions I think supervisors and practitioners need to ask. It is not Society guidance; the Ethics Committee is working on that.</p>
<h2>What these tools do</h2>
<p>Broadly, they record a session, transcribe it, and generate a summary or a set of notes. Some also suggest themes, risk indicators or "next steps". They are marketed as a way to save time, and for practitioners drowning in paperwork that is an attractive promise.</p>
<h2>The questions</h2>
<ol>
<li><strong>Consent.</strong> Has the client given informed, explicit consent to being recorded, and to their words being processed by a third party? Can they say no without it affecting their therapy?</li>
<li><strong>Data.</strong> Where is the recording stored, for how long, and who can access it? Is it used to train the provider's systems?</li>
<li><strong>Accuracy.</strong> Who checks the notes? A summary that misrepresents a risk disclosure is worse than no summary.</li>
<li><strong>The work itself.</strong> Does knowing they are being recorded change what clients say? Does not having to remember change how we listen?</li>
<li><strong>Supervision.</strong> If the notes are generated, what does the practitioner bring to supervision? Their own reflection matters more than a transcript.</li>
</ol>
<h2>Where I have landed, for now</h2>
<p>I have asked my supervisees not to use these tools with clients until we have worked through these questions together, case by case. Margaret Ellsworth's principle from <a href="/posts/keeping-notes-that-help-rather-than-hinder">her post on record keeping</a> still seems right to me: write every note as if the client might read it tomorrow. I would add: and as if they might ask how it was written.</p>`,
	},
	{
		slug: "guest-post-how-counselling-training-is-changing", title: "Guest post: how counselling training is changing",
		author: "jonathan-hale", ago: -25,
		tags:   []string{"students", "cpd"},
		blocks: []string{"links-students"},
		body: `<p><em>Dr Jonathan Hale leads the counselling programmes at Ashworth University. We asked him to write about the changes he sees in counsellor training.</em></p>
<p>I have been training counsellors for more than twenty years, and the students who arrive each autumn are very different from those I taught at the start. So are the courses. Here are four changes I think members should know about.</p>
<h2>1. Students are older, and busier</h2>
<p>The typical student on our diploma is now in their late thirties or forties, changing career, and working alongside the course. Posts on this blog by trainees such as <a href="/posts/starting-my-counselling-diploma-at-forty-two">Zoë Ångström</a> and <a href="/posts/balancing-placement-study-and-a-part-time-job">Ana-María O'Connor</a> capture their experience better than I could.</p>
<h2>2. Online practice is now part of the curriculum</h2>
<p>Five years ago we barely mentioned it. Now every student does supervised online work, and we teach text-based work as an option.</p>
<h2>3. Placements are harder to find</h2>
<p>Voluntary sector services, which have always provided most placements, are under financial pressure. Some have closed; others have cut the number of trainees they take. Many of our students now wait months for a placement, which delays qualification.</p>
<h2>4. Difference and power are taught throughout</h2>
<p>Rather than a single module on "diversity", we now try to thread questions of culture, power and access through every part of the course, an approach that owes something to the kind of thinking in <a href="/posts/keynote-notes-power-in-the-therapy-relationship">the keynote Christian Billington described</a>.</p>
<h2>What qualified members can do</h2>
<ul>
<li>Offer placements, or help your organisation to.</li>
<li>Supervise trainees, if you are qualified to.</li>
<li>Be a buddy or mentor through your regional group.</li>
</ul>
<p>The profession's future depends on the next generation getting through their training. They need us.</p>`,
	},
}

// postsDrafts are unfinished posts: no publication date, visible only to their authors and staff.
var postsDrafts = []postSpec{
	{
		slug: "notes-towards-a-reflective-log", title: "Notes towards a reflective log",
		author: "zoe-angstrom", draft: true,
		tags: []string{"students"},
		body: `<p>My course asks for a reflective log after every client session, and for the first few months mine were terrible: long descriptions of what the client said, followed by a single line about what I felt. My tutor's comment on my first submission was "Where are you in this?"</p>
<h2>What I have changed</h2>
<p>I now use four prompts, which I have adapted from a model we were taught:</p>
<ol>
<li>What happened? (Three sentences, no more.)</li>
<li>What did I feel, and when?</li>
<li>What do I make of it?</li>
<li>What will I do differently, or take to supervision?</li>
</ol>
<h2>What I am still unsure about</h2>
<p>How honest to be, when the log is assessed. I have written things in my log that I would not want a marker to read. My supervisor says that is exactly what the log is for. I am not sure the marking criteria agree.</p>
<p><em>To add: an example entry, disguised, and something about how the log has changed what I bring to supervision. Check with my tutor before publishing.</em></p>`,
	},
	{
		slug: "ethics-casebook-the-client-at-the-gym", title: "Ethics casebook: the client who joins your gym",
		author: "christian-billington", draft: true, members: true,
		tags: []string{"ethics"},
		body: `<p>The second dilemma in our occasional casebook series follows <a href="/posts/ethics-casebook-the-gift-from-a-client">the gift from a client</a>. As before, details have been changed and combined, and the member has agreed to its publication.</p>
<h2>The situation</h2>
<p>A member had been seeing a client for about six months when the client mentioned, in passing, that they had just joined a gym. It was the member's gym, and the client's new class was one the member had attended every week for years. The member was not sure whether the client knew.</p>
<h2>The questions</h2>
<ul>
<li>Should the member raise it, or wait and see whether it becomes an issue?</li>
<li>Should the member change their own routine, and if so, for how long?</li>
<li>What would it mean for the client to see their counsellor in a changing room, or out of breath?</li>
</ul>
<h2>What the member did</h2>
<p><em>Still to write up: the conversation in the next session, the agreement they reached, and what the member's supervisor said. Check the final wording with the member and with Samuel at the helpline before this goes out.</em></p>
<p>As with <a href="/posts/dual-relationships-in-small-communities">dual relationships in small communities</a>, there is rarely a single right answer, but there are better and worse ways of finding one.</p>`,
	},
	{
		slug: "guest-post-supervision-across-modalities", title: "Guest post: supervising across modalities",
		author: "jonathan-hale", draft: true,
		tags: []string{"supervision", "cpd"},
		body: `<p>Should a CBT therapist be supervised by a psychodynamic supervisor? Should a person-centred trainee have a supervisor from their own tradition? Courses and placements answer these questions differently, and practitioners often have little choice.</p>
<h2>The case for supervising within a modality</h2>
<p>A supervisor from the same tradition shares the practitioner's language and assumptions, can assess whether they are applying the model well, and can help with the specific technical questions that arise. For trainees, in particular, this matters: they are still learning what the model is.</p>
<h2>The case for crossing over</h2>
<p>A supervisor from a different tradition sees different things. They ask questions the model does not ask, and can help the practitioner notice assumptions they have stopped seeing. Some of the most useful supervision I have had came from people who did not share my training.</p>
<h2>What seems to matter most</h2>
<p>The research on supervision suggests that the quality of the supervisory relationship matters more than the match of modality. A supervisor who is curious, honest and respectful of the practitioner's approach can be helpful whatever their own training.</p>
<p><em>Draft: expand with examples from our course, and ask Hannah Whitcombe whether she would add a supervisor's perspective.</em></p>`,
	},
	{
		slug: "grounding-techniques-i-keep-coming-back-to", title: "Grounding techniques I keep coming back to",
		author: "ingrid-saether", draft: true,
		tags: []string{"trauma", "practice-notes"},
		body: `<p>In <a href="/posts/stabilisation-before-processing">my post on stabilisation</a> I mentioned that clients need reliable ways to come back to the present when they become overwhelmed. A few people asked which techniques I actually use. Here are the ones I return to most often.</p>
<h2>Orienting to the room</h2>
<p>Slowly looking around and naming, aloud or silently, what you can see: colours, shapes, objects. It brings attention back to the here and now, and it is easy to do anywhere.</p>
<h2>Feet on the floor</h2>
<p>Pressing the feet into the floor and noticing the contact, the weight, the temperature. Many clients find this steadying, and it can be done unobtrusively in a meeting or on a bus.</p>
<h2>Temperature</h2>
<p>Holding something cold, such as a glass of water or an ice cube, or washing the hands in cold water. Strong sensation can interrupt a flashback.</p>
<h2>The date and the facts</h2>
<p>Saying, "My name is... Today is... I am in... I am safe now." Simple, but for some clients it is the most reliable of all.</p>
<p><em>To add: a note on why breathing exercises do not suit everyone, and on practising these when calm rather than only in crisis.</em></p>`,
	},
	{
		slug: "what-engineering-taught-me-about-listening", title: "What engineering taught me about listening",
		author: "yusuf-demir", draft: true,
		tags: []string{"practice-notes"},
		body: `<p>When I wrote about <a href="/posts/career-change-at-fifty-engineering-to-counselling">changing career from engineering to counselling</a>, I said that my urge to fix things did not transfer well. Several readers pointed out that I had undersold engineering. They were right, and this post is my attempt to be fairer to my first profession.</p>
<h2>Listening to a structure</h2>
<p>Engineers who inspect old bridges learn to listen, literally: to the sound a hammer makes on concrete, to the creak of a joint under load. A hollow sound means something is wrong beneath the surface. I think of this sometimes when a client says "I'm fine" and it sounds hollow.</p>
<h2>Loads and stresses</h2>
<p>Every structure carries loads, and every structure has limits. Failure rarely comes from a single load; it comes from the combination, over time, of many small ones. That is as good a description of burnout as I have read.</p>
<h2>Respecting what is already there</h2>
<p>When you repair an old structure, you work with what is there. You do not knock it down and start again. Clients, too, come with structures that have held them up for years, even if those structures now cause problems.</p>
<p><em>Draft: needs an ending. Maybe something on redundancy, in both senses.</em></p>`,
	},
	{
		slug: "member-survey-results", title: "Member survey: what you told us",
		author: "priya-raman", draft: true,
		tags: []string{"society-news"},
		body: `<p>Thank you to the members who completed this year's member survey. This post summarises the results; the full report, including every free-text comment with identifying details removed, will be available in the members' area.</p>
<h2>Who responded</h2>
<p>Responses came from every region and every membership category, with professional members slightly over-represented and student members slightly under-represented compared with the membership as a whole.</p>
<h2>What you value most</h2>
<ol>
<li>The Code of Ethics and the ethics helpline</li>
<li>Regional groups</li>
<li>The "find a counsellor" directory</li>
<li>The annual conference</li>
<li>This blog</li>
</ol>
<h2>What you would like us to do more of</h2>
<ul>
<li>Support for members in private practice, especially on the business side.</li>
<li>Advocacy on unpaid placements and on pay in the voluntary sector.</li>
<li>Online events for members who cannot travel.</li>
</ul>
<h2>What we will do next</h2>
<p><em>Waiting for the board's response before this section can be written. Add the response-rate figures and the comparison with the previous survey once the final numbers are confirmed.</em></p>`,
	},
}
