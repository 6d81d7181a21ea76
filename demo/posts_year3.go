package demo

// postsThirdYear were published two to three years ago.
var postsThirdYear = []postSpec{
	{
		slug: "cpd-that-counts", title: "CPD that counts: choosing training with your clients in mind",
		author: "oluwaseun-adeyemi", ago: 1070,
		tags:   []string{"cpd"},
		blocks: []string{"links-cpd"},
		body: `<p>When I wrote about <a href="/posts/logging-cpd-without-losing-the-will-to-live">keeping a CPD log</a>, a few people wrote back with a harder question. Recording CPD is one thing; choosing it is another. With so many courses, webinars and certificates on offer, how do you decide what is worth your time and money?</p>
<h2>Start with your caseload, not the brochure</h2>
<p>Once a year, I look back over the clients I have seen and ask three questions:</p>
<ol>
<li>Which clients did I feel least equipped to help?</li>
<li>What came up repeatedly that I had not expected?</li>
<li>Where did my supervisor and I keep getting stuck?</li>
</ol>
<p>Last year the answers pointed clearly to perinatal mental health. I had seen four new parents in a row and felt I was improvising. That became my main CPD focus, and I turned down two attractive courses on other topics.</p>
<h2>Be suspicious of shiny certificates</h2>
<p>A weekend course does not make anyone a specialist, whatever the certificate says. I look for training that includes practice, feedback and some follow-up, rather than a day of slides. I also ask colleagues who have done it, which is free and usually more honest than the testimonials.</p>
<h2>Mix the formal and the informal</h2>
<p>Some of my most useful CPD this year cost nothing: a reading group with three colleagues, an afternoon shadowing a perinatal midwife, and writing this blog. Reflecting in public turns out to be a good discipline.</p>
<blockquote><p>The question is not "how many hours have I done?" but "what can I do now that I couldn't do a year ago?"</p></blockquote>`,
	},
	{
		slug: "play-sand-and-silence-resources-for-work-with-children", title: "Play, sand and silence: resources for work with children",
		author: "aoife-ni-bhriain", ago: 1050,
		tags: []string{"children-and-young-people", "creative-therapies"},
		body: `<p>Newly qualified members who start working with children often ask me what they need to buy. The honest answer is: less than you think, chosen more carefully than you might expect. Here is what is in my kit bag, which travels between three schools.</p>
<table>
<thead><tr><th>Item</th><th>Why it earns its place</th><th>Approximate cost</th></tr></thead>
<tbody>
<tr><td>A small sand tray with lid</td><td>Contains play; the lid makes it portable and gives a clear ending</td><td>£25</td></tr>
<tr><td>About 60 miniature figures</td><td>People, animals, fences, a few fantastical creatures; enough choice without overwhelm</td><td>£40, collected slowly</td></tr>
<tr><td>Plain paper, pencils, oil pastels</td><td>Pastels are forgiving and do not need water</td><td>£15</td></tr>
<tr><td>Modelling clay</td><td>For the child who needs to squeeze something</td><td>£8</td></tr>
<tr><td>Two hand puppets</td><td>Some children will say through a puppet what they cannot say themselves</td><td>£20</td></tr>
<tr><td>A deck of cards</td><td>For older children: a game gives everyone somewhere to look</td><td>£2</td></tr>
</tbody>
</table>
<h2>What I left out</h2>
<p>Board games with long rules, anything electronic, and anything that makes a lot of noise. Schools are not soundproof, and children worry about being overheard.</p>
<h2>The silence</h2>
<p>The most important resource is the one you cannot buy: the ability to sit quietly while a child plays, without commentary. New practitioners tend to narrate ("Oh, the tiger is going into the house!"). Sometimes that is helpful. Often it is our anxiety talking. I try to say less in the first ten minutes than I want to, and let the child show me what the session is for.</p>
<p>Finally, whatever you buy, keep it clean and check it regularly. A broken figure can mean a great deal to a child who is already feeling broken.</p>`,
	},
	{
		slug: "revised-code-of-ethics-what-has-changed", title: "The revised Code of Ethics: what has changed",
		author: "christian-billington", ago: 1030,
		tags:   []string{"ethics", "society-news"},
		blocks: []string{"links-ethics", "contact-ethics"},
		body: `<p>After two years of consultation, the Society's revised <a href="https://northfield.example/ethics/code">Code of Ethics and Practice</a> comes into force at the start of next quarter. Members will have received the full text; this post is a short guide to what is different, from the chair of the committee that drafted it.</p>
<h2>The main changes</h2>
<table>
<thead><tr><th>Area</th><th>Previous code</th><th>Revised code</th></tr></thead>
<tbody>
<tr><td>Online and telephone work</td><td>Not mentioned</td><td>A new section on competence, security and working across borders</td></tr>
<tr><td>Dual relationships</td><td>"Should be avoided"</td><td>Avoid where possible; where not, manage openly and record how</td></tr>
<tr><td>Social media</td><td>Not mentioned</td><td>Guidance on contact with clients and on public posting</td></tr>
<tr><td>Practitioner wellbeing</td><td>One sentence</td><td>An explicit duty to monitor our own fitness to practise</td></tr>
<tr><td>Clinical wills</td><td>Recommended</td><td>Required for all members in private practice</td></tr>
</tbody>
</table>
<h2>Why these changes</h2>
<p>Most of them follow directly from what members brought to the ethics helpline. The new wording on dual relationships reflects the discussion that followed <a href="/posts/dual-relationships-in-small-communities">my post on small communities</a>: members told us, clearly, that an absolute ban did not match the reality of rural practice. The online section draws on Mei-Ling Tsang's <a href="/posts/secure-online-practice-checklist">checklist</a> and on the responses to our consultation.</p>
<h2>What you need to do</h2>
<ul>
<li>Read the new code. It is shorter than the old one.</li>
<li>Check your client contract against the sections on confidentiality and online work.</li>
<li>If you are in private practice, make a clinical will if you do not already have one.</li>
</ul>
<p>The Ethics Committee is running three online briefings over the next two months. Bring your questions, and bring your disagreements. A code is only as good as the thinking members do with it.</p>`,
	},
	{
		slug: "contracting-with-supervisees", title: "Contracting with supervisees: a template and some reasons",
		author: "hannah-whitcombe", ago: 1010, members: true,
		tags: []string{"supervision", "ethics"},
		body: `<p>Every supervision relationship needs a contract, and most of the supervision contracts I have seen are either a single line ("fortnightly, £60") or six pages of legal-sounding text nobody reads. Here is the middle path I use. Members are welcome to adapt it.</p>
<h2>The headings</h2>
<ol>
<li><strong>Practicalities.</strong> Frequency, length, fee, cancellation, where and how we meet.</li>
<li><strong>Purpose.</strong> What the supervisee wants from supervision, in their own words, reviewed yearly.</li>
<li><strong>Responsibility.</strong> The supervisee is responsible for their clients. The supervisor is responsible for the quality of supervision and for raising concerns.</li>
<li><strong>Confidentiality.</strong> What I would share, with whom, and in what circumstances, including with training courses for trainees.</li>
<li><strong>Concerns.</strong> What happens if either of us is worried about the other's practice.</li>
<li><strong>Review.</strong> When we will review the arrangement, and how either of us can end it.</li>
</ol>
<h2>Why bother?</h2>
<p>Because the contract is where difficult conversations get easier. When I had to tell a supervisee that I was worried about their drinking, I could point to heading five and say: "This is the conversation we agreed we would have if this happened." It did not make the conversation easy, but it made it possible.</p>
<h2>Reviewing</h2>
<p>I review every contract once a year, and whenever something significant changes: a new job, a move into private practice, a personal crisis. The review usually takes ten minutes, and about one time in four it leads somewhere important.</p>
<p>This complements what I wrote about <a href="/posts/group-supervision-that-actually-works">structuring group supervision</a>: in both cases, a little structure at the start buys a great deal of freedom later.</p>`,
	},
	{
		slug: "better-data-on-who-accesses-therapy", title: "Why we need better data on who accesses therapy",
		author: "kwame-mensah", ago: 990,
		tags: []string{"research", "policy", "diversity-and-inclusion"},
		body: `<p>When the Policy Committee responds to a government consultation, we are often asked a simple question: who uses counselling, and who doesn't? The honest answer, for most of the sector, is that we do not know.</p>
<h2>What we do know</h2>
<p>NHS talking therapy services publish data on age, gender and ethnicity of people referred. Those figures suggest that some groups, including older adults and several minority ethnic communities, are less likely to be referred and more likely to drop out. But the NHS is only part of the picture. Most counselling in this region happens in private practice and in the voluntary sector, and there the data is patchy at best.</p>
<h2>Why it matters</h2>
<ul>
<li>We cannot argue convincingly for funding for under-served groups without evidence that they are under-served.</li>
<li>We cannot tell whether our own efforts, such as low-cost places or multilingual practitioners, make any difference.</li>
<li>And we cannot see our own blind spots.</li>
</ul>
<h2>A modest proposal</h2>
<p>The Policy and Research Committees are developing a short, voluntary, anonymous monitoring form that members could offer to new clients. It would ask only a handful of questions, and results would be pooled so that no individual practice is identifiable.</p>
<blockquote><p>Monitoring is not the same as caring. But it is hard to care effectively about people you cannot see.</p></blockquote>
<p>We know some members will have reservations about asking clients for demographic information at all, and we want to hear them. A draft form and an online discussion will follow in the coming months.</p>`,
	},
	{
		slug: "integrative-practice-without-the-muddle", title: "Integrative practice without the muddle",
		author: "marisol-de-la-cruz", ago: 970,
		tags: []string{"practice-notes"},
		body: `<p>I describe myself as an integrative counsellor, and I have lost count of the number of times someone has raised an eyebrow at that. The suspicion is that "integrative" means "I do whatever I feel like". Sometimes, honestly, it does. Here is how I try to make sure it doesn't.</p>
<h2>A core, not a collection</h2>
<p>My training gave me a core theory, broadly relational and humanistic, that I return to when I am unsure. Techniques from other approaches, such as a cognitive formulation or a piece of imaginal work, are things I <em>add</em> to that core for a reason. They are not a buffet.</p>
<h2>Three questions before I switch</h2>
<p>When I notice myself reaching for something different, I ask:</p>
<ol>
<li>What is this client needing right now that our usual way of working is not giving them?</li>
<li>Am I changing approach for them, or because I am bored, anxious or stuck?</li>
<li>Can I explain the change to the client in plain language?</li>
</ol>
<p>If I cannot answer the third question, I usually do not make the change.</p>
<h2>Telling the client</h2>
<p>I have found that clients appreciate being told. "I'd like to try something a bit more structured for a few weeks, because you've said you want practical ways to manage the panic. We can go back to how we usually work whenever you like." It turns a shift in method into a shared decision.</p>
<h2>Supervision helps</h2>
<p>My supervisor trained in a single model, and her questions about why I did something are often the best check on whether I knew.</p>`,
	},
	{
		slug: "annual-conference-returns-in-person", title: "The annual conference returns in person",
		author: "priya-raman", ago: 940,
		tags:   []string{"conference", "society-news"},
		blocks: []string{"contact-events", "cta-join"},
		body: `<p>After last year's online-only conference, we are delighted to announce that the annual conference will take place in person again, at the Northfield Corn Exchange. Booking opens next week for members, and a fortnight later for non-members.</p>
<h2>The theme: "Who is in the room?"</h2>
<p>This year's conference asks who therapy reaches, who it misses, and what the profession could do differently. It follows on from a strand of discussion that began with Professor Oduya's keynote at our <a href="/posts/annual-conference-report-day-one">last in-person conference</a>, and has run through this blog ever since.</p>
<h2>What to expect</h2>
<ul>
<li>Two keynotes, on access to therapy in rural areas and on who trains to become a therapist, and who cannot afford to.</li>
<li>Twenty workshops across four streams: systemic practice, CBT in the real world, children and young people, and ethics.</li>
<li>A research morning with short presentations from members.</li>
<li>The members' forum, and the conference dinner.</li>
</ul>
<h2>Prices</h2>
<p>We have held prices at the same level as our last in-person conference. Student members can attend for a reduced rate, and there are twenty bursary places for members on low incomes, funded by donations to the Trainee Bursary Fund.</p>
<h2>Accessibility</h2>
<p>The Corn Exchange is fully step-free, and there will be a quiet room available throughout both days. If you have access requirements of any kind, please tell the events team when you book, and we will do our best to meet them.</p>
<p>We have missed seeing you. We hope to see many of you there.</p>`,
	},
	{
		slug: "anniversaries-and-other-difficult-dates", title: "Anniversaries and other difficult dates",
		author: "fatima-al-hassan", ago: 920,
		tags:   []string{"bereavement"},
		blocks: []string{"links-find-counsellor"},
		body: `<p>In bereavement work we talk a great deal about the first year: the first birthday, the first holiday season, the first anniversary of the death. Clients often brace themselves for these dates for weeks. What they are less prepared for is the dates nobody warned them about.</p>
<h2>The unexpected dates</h2>
<p>Over the years, clients have told me about being floored by:</p>
<ul>
<li>the first time they filled in a form and had to tick "widowed";</li>
<li>the day the person's name stopped appearing on post;</li>
<li>the anniversary of the diagnosis, rather than the death;</li>
<li>the day they realised they had gone a whole morning without thinking about the person, and felt guilty.</li>
</ul>
<h2>Planning together</h2>
<p>I now ask clients, early on, to make a list of dates that might be hard, and we add to it as we go. For each one, we think about what might help: company or solitude, a ritual, a change of routine, or simply knowing in advance that the day will be difficult and that this is normal.</p>
<h2>The second year</h2>
<p>Many clients expect the second year to be easier, and are distressed when it is not. Friends and family have often stopped asking by then. I try to say, gently and early, that grief does not follow a calendar. As I wrote in <a href="/posts/grief-when-the-funeral-is-far-away">an earlier post on distant funerals</a>, the rituals we rely on do not always fit the grief we actually have.</p>
<blockquote><p>"Everyone told me the first year was the worst. Nobody told me the second year would be lonelier."</p></blockquote>`,
	},
	{
		slug: "book-review-holding-the-frame", title: "Book review: Holding the Frame by Naomi Castell",
		author: "dev-chaudhry", ago: 900,
		tags: []string{"book-review", "supervision"},
		body: `<p><em>Holding the Frame: Boundaries in Supervision and Practice</em> by Naomi Castell (Riverside Professional, 196 pages)</p>
<p>Books about boundaries tend to fall into two camps: rule books that list what not to do, and philosophical works that never quite touch the ground. Naomi Castell, a supervisor of long experience, has written something rarer: a book that explains <em>why</em> boundaries matter, and then shows what holding them looks like on a wet Thursday with a client who is in crisis.</p>
<h2>Structure</h2>
<p>The first part covers the frame of therapy (time, place, money, contact between sessions) and what each element does for the client. The second, and stronger, part turns to supervision, with chapters on contracting, the supervisor's authority, and what happens when a supervisor becomes concerned about a supervisee.</p>
<h2>Highlights</h2>
<ul>
<li>A chapter on "boundary drift" that describes, step by step, how well-meaning practitioners end up in situations they would never have chosen.</li>
<li>Honest case material, including Castell's own errors.</li>
<li>A short, practical appendix of supervision contract wording.</li>
</ul>
<h2>Reservations</h2>
<p>Castell writes mainly about private practice and says little about organisational settings, where the supervisor may also be a line manager and the boundaries are much muddier. I also wanted more on online work.</p>
<h2>Verdict</h2>
<p>Highly recommended for supervisors and for anyone training as one. It pairs well with Hannah Whitcombe's post on <a href="/posts/contracting-with-supervisees">contracting with supervisees</a>, which covers similar ground more briefly.</p>`,
	},
	{
		slug: "cultural-humility-is-a-practice", title: "Cultural humility is a practice, not a certificate",
		author: "mei-ling-tsang", ago: 880,
		tags:   []string{"diversity-and-inclusion", "cpd"},
		blocks: []string{"links-cpd"},
		body: `<p>I have attended a lot of training on diversity over the years. Some of it was excellent. Much of it left me with a certificate, a list of facts about "other cultures" and the uncomfortable sense that I had just been taught a new set of stereotypes.</p>
<h2>Competence or humility?</h2>
<p>The idea of cultural <em>competence</em> suggests something you can complete: learn enough about a group and you are competent to work with them. Cultural <em>humility</em> is different. It assumes that the client is the expert on their own culture, that I will never finish learning, and that my own background shapes what I notice and what I miss.</p>
<h2>What it looks like in practice</h2>
<ul>
<li>Asking rather than assuming: "What does family mean for you?" rather than "In Chinese culture, family is very important."</li>
<li>Noticing when I feel I already know something about a client because of their background, and treating that as a cue to be curious.</li>
<li>Being willing to name difference in the room, including difference between us.</li>
<li>Getting it wrong, and repairing it.</li>
</ul>
<p>As a counsellor who is often assumed to be an expert on East Asian clients, I find that last point especially important. Sharing a language with a client does not mean sharing their experience.</p>
<h2>As CPD</h2>
<p>I now think of this as a thread through all my CPD rather than a separate topic. Kwame Mensah's post on <a href="/posts/working-with-interpreters-in-the-therapy-room">working with interpreters</a> is a good example of what I mean: practical, specific, and humble about the limits of what any of us can know.</p>`,
	},
	{
		slug: "conference-report-the-systemic-stream", title: "Conference report: the systemic stream",
		author: "soren-odegaard", ago: 860,
		tags: []string{"conference", "couples-and-families"},
		body: `<p>It was wonderful to be back in the Corn Exchange after so long, and to see how many people had come, as Priya promised when she <a href="/posts/annual-conference-returns-in-person">announced the conference</a>. I spent most of my time in the systemic stream, which I helped to organise, so this is a partial report from a partial reporter.</p>
<h2>Working with the family that isn't there</h2>
<p>The stream opened with a workshop on bringing systemic ideas into individual work, a theme close to my heart. I have written about it <a href="/posts/systemic-ideas-for-individual-practitioners">here before</a>. The most useful exercise was the simplest: in pairs, we interviewed each other about a current client, but asked only about the people around them. Several participants said it was the first time they had really thought about their client's brother, or grandmother, or ex-partner, as real people.</p>
<h2>Couples work and the "third chair"</h2>
<p>The second workshop was about couples work when one partner is much more committed to therapy than the other. The presenter described deliberately leaving an empty chair for "the relationship", and asking each partner to speak to it. It sounds contrived. In the videos she showed, it was remarkably moving.</p>
<h2>Genograms</h2>
<p>A packed session on genograms was a reminder of how much appetite there is for practical tools. I was asked afterwards for a beginner's guide, and I have promised to write one for this blog.</p>
<h2>What I took home</h2>
<p>Mostly a renewed sense that systemic ideas are not the property of family therapists. Every counsellor works with systems, whether or not the system is in the room.</p>`,
	},
	{
		slug: "conference-report-cbt-in-the-real-world", title: "Conference report: CBT in the real world",
		author: "oluwaseun-adeyemi", ago: 845,
		tags:   []string{"conference", "cpd"},
		blocks: []string{"contact-events"},
		body: `<p>Søren has written up <a href="/posts/conference-report-the-systemic-stream">the systemic stream</a>; here is my report from the CBT stream, which had the deliberately provocative title "CBT in the real world".</p>
<h2>The premise</h2>
<p>Cognitive behavioural therapy is usually described, and researched, as a tidy protocol delivered over a fixed number of sessions. The stream asked what happens when it meets clients with complicated lives, services with long waiting lists and practitioners with limited time.</p>
<h2>Three sessions worth mentioning</h2>
<h3>Formulation for messy cases</h3>
<p>A practical workshop on building a shared formulation with clients who have several overlapping difficulties. The key message: do not try to capture everything. Pick the maintaining cycle that the client most wants to change, and start there.</p>
<h3>When homework doesn't happen</h3>
<p>Every CBT therapist knows the sinking feeling of asking about homework and getting a blank look. The presenters argued that non-completion is information, not failure, and suggested treating it as a formulation question: what got in the way, and what does that tell us?</p>
<h3>CBT and culture</h3>
<p>The most challenging session looked at how standard CBT materials assume a particular kind of client: literate, individualistic, comfortable with worksheets. The presenters shared adapted materials and stressed that adaptation has to be done with communities, not for them.</p>
<h2>Overall</h2>
<p>A strong stream. My one criticism is that it was almost entirely CBT practitioners talking to each other. I would love to see more cross-stream sessions next year, where people from different traditions have to explain themselves to one another.</p>`,
	},
	{
		slug: "becoming-a-retired-member", title: "Becoming a retired member",
		author: "ruth-van-der-berg", ago: 830,
		tags:   []string{"retirement", "society-news"},
		blocks: []string{"contact-membership"},
		body: `<p>Last year I wrote about <a href="/posts/letting-go-of-a-caseload">letting go of my caseload</a>. I saw my last client a few months ago, and this week I switched to retired membership. Several people have asked what that involves, so here are the practical details and a few less practical thoughts.</p>
<h2>The practicalities</h2>
<ul>
<li>Retired membership is for members who have stopped all paid and voluntary client work and supervision.</li>
<li>It costs a little over a quarter of the professional fee.</li>
<li>You keep access to the members' area, the journal, regional groups and the conference, and you can still vote at the AGM.</li>
<li>You do not appear in the "find a counsellor" directory, and you do not need to log CPD or have supervision.</li>
</ul>
<p>The membership office made the switch in about five minutes. Tell them at renewal time, or at any point during the year.</p>
<h2>Why stay a member at all?</h2>
<p>A friend asked me this, reasonably enough. My answer is that the Society has been my professional home for years, and I do not want to lose touch with the people and the conversations. I still go to the Eastbrook group. I still read the journal. And I have found that retired members have something to offer: time, mostly, and the freedom to say what we think without worrying about our careers.</p>
<h2>What I am doing with my time</h2>
<p>Mentoring two newly qualified counsellors, informally. Reading novels instead of case notes. Tomatoes. And learning, slowly, to be a person who used to be a counsellor, which is a different thing from not being one.</p>`,
	},
	{
		slug: "research-summary-drop-out-in-the-first-three-sessions", title: "Research summary: drop-out in the first three sessions",
		author: "lucja-wisniewska", ago: 810, members: true,
		tags: []string{"research", "practice-notes"},
		body: `<p>One of the most consistent findings in therapy research is that a substantial proportion of clients stop coming early, often without telling us why. This summary looks at a study from a university counselling service that tried to find out.</p>
<h2>The study</h2>
<p>Researchers followed 612 clients who started counselling at a university service over two years. They compared those who stopped attending within the first three sessions, without agreeing an ending, with those who continued, and then interviewed a sample of the early leavers.</p>
<h2>Who left early</h2>
<table>
<thead><tr><th>Factor</th><th>Early drop-out rate</th></tr></thead>
<tbody>
<tr><td>All clients</td><td>24%</td></tr>
<tr><td>Waited more than four weeks for a first session</td><td>35%</td></tr>
<tr><td>Waited less than two weeks</td><td>17%</td></tr>
<tr><td>Said in the first session that they did not know what to expect</td><td>31%</td></tr>
<tr><td>Agreed a goal in the first session</td><td>15%</td></tr>
</tbody>
</table>
<h2>Why they left</h2>
<p>The interviews were illuminating. A minority left because things had improved. More left because they did not understand what counselling would involve, felt the counsellor had not grasped what they came for, or could not fit sessions around lectures and work. Very few had told the counsellor any of this.</p>
<h2>Limitations</h2>
<p>This is one service, with a young client group, and the associations in the table are not necessarily causes. Clients who wait longer may differ in other ways.</p>
<h2>What we might take from it</h2>
<p>Two things look worth trying in almost any setting: explaining clearly, in the first session, what counselling is and is not; and agreeing something concrete to work towards, even provisionally. Both fit with the earlier study on <a href="/posts/research-summary-clients-on-the-therapeutic-alliance">what clients say about the alliance</a>, where feeling understood early on mattered a great deal.</p>`,
	},
	{
		slug: "art-materials-in-a-counselling-room", title: "Art materials in a counselling room: a starter kit",
		author: "chloe-lefevre", ago: 780,
		tags: []string{"creative-therapies", "practice-notes"},
		body: `<p>I am an art psychotherapist, and I am often asked by counsellors who are not whether it is all right for them to use art materials with clients. My answer is yes, with care. You do not need to be an art therapist to offer a client a pencil. But it helps to think about what you are offering and why.</p>
<h2>What to have</h2>
<ul>
<li>Good quality paper in two or three sizes. Cheap paper tears and makes people feel their work is not valued.</li>
<li>Soft pencils, oil pastels and chalk pastels: easy to use and forgiving.</li>
<li>A small set of watercolours, if your room can cope with water.</li>
<li>Clay or plasticine for clients who prefer to work with their hands.</li>
<li>Magazines, scissors and glue for collage, which feels less exposing to people who "can't draw".</li>
</ul>
<h2>How to offer it</h2>
<p>Make it genuinely optional, and make it clear that nobody is judging the result. I usually say something like, "Some people find it easier to show something than to say it. There are materials here if you ever want to use them."</p>
<h2>What to do with the image</h2>
<p>Resist interpreting. The image belongs to the client, and its meaning is theirs to discover. Questions like "What do you notice?" or "What would you like to say about it?" are usually enough. Agree what will happen to the image afterwards: some clients want to take it home, some want you to keep it safe, and a few want to destroy it.</p>
<h2>Know your limits</h2>
<p>Art-making can bring up powerful material quickly. If you are working with trauma, or with clients at risk, take it to supervision, and consider whether a referral to an art therapist would serve the client better.</p>`,
	},
	{
		slug: "what-retirement-taught-me-about-listening", title: "What retirement has taught me about listening",
		author: "margaret-ellsworth", ago: 765,
		tags: []string{"retirement", "wellbeing"},
		body: `<p>I retired from client work a little over a year ago, and I thought I knew how to listen. I had, after all, been paid to do it for twenty-six years. It turns out I knew how to listen as a counsellor. Listening as a friend, a grandmother and a member of two choirs has been a different education.</p>
<h2>Listening without a frame</h2>
<p>In the counselling room, the frame does a great deal of work. There is a start and an end, a purpose, and an agreement that the focus is on the client. Outside, none of that exists. When a friend tells me about her marriage over coffee, I have had to learn not to slip into my professional voice, which she finds, in her words, "a bit unnerving".</p>
<h2>Being listened to</h2>
<p>The bigger surprise has been how unused I am to being listened to. For years my job was to keep myself out of the way. Now, in conversation, I notice how quickly I turn the focus back to the other person, and how rarely I finish my own stories. My choir friends have started to tease me about it.</p>
<h2>What I would tell working colleagues</h2>
<ul>
<li>Notice whether you have anyone who listens to you the way you listen to clients. If not, that is worth attending to now, not after retirement.</li>
<li>Keep some relationships where you are not the helper.</li>
<li>Sing, if you can. It is very hard to analyse anybody while you are trying to hold a harmony.</li>
</ul>`,
	},
	{
		slug: "eastbrook-peer-supervision-circle-launches", title: "Eastbrook peer supervision circle launches",
		author: "jose-nunez", ago: 745,
		tags:   []string{"regional-groups", "supervision"},
		blocks: []string{"contact-eastbrook"},
		body: `<p>It has taken us longer than I would like to admit, but the Eastbrook peer supervision circle has finally met for the first time. We first talked about it at <a href="/posts/eastbrook-group-first-meeting-of-the-year">a regional group meeting years ago</a>, and agreed to make it happen when we <a href="/posts/eastbrook-group-what-we-learned-online">came back from our months online</a>. Here is how it works.</p>
<h2>What it is</h2>
<p>Peer supervision is case discussion among colleagues without a designated supervisor. It does <strong>not</strong> replace the supervision members are required to have. It is an additional space, particularly valuable for members who work alone.</p>
<h2>How we have set it up</h2>
<ul>
<li>Two groups of five, each meeting monthly for two hours.</li>
<li>A written agreement covering confidentiality, attendance and what happens if someone is worried about a colleague's practice.</li>
<li>A structure borrowed, with permission, from Hannah Whitcombe's post on <a href="/posts/group-supervision-that-actually-works">group supervision that works</a>: check-in, bidding, two presentations, check-out.</li>
<li>The timekeeper role rotates every meeting.</li>
</ul>
<h2>First impressions</h2>
<p>The first meeting was a little stiff, as first meetings are. By the second presentation people had relaxed, and the discussion was thoughtful and generous. One member said afterwards that it was the first time in months she had talked about her work with anyone other than her supervisor.</p>
<h2>Joining</h2>
<p>Both groups are full for now, but there is a waiting list, and if there is enough interest we will start a third group. Contact me using the details on this page.</p>`,
	},
}
