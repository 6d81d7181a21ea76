package demo

// postsThisYear were published within the last year.
var postsThisYear = []postSpec{
	{
		slug: "consultation-response-accreditation-changes", title: "Consultation: proposed changes to accreditation",
		author: "kwame-mensah", ago: 360, members: true,
		tags:   []string{"policy", "cpd"},
		blocks: []string{"links-cpd", "contact-membership"},
		body: `<p>The Society's board is consulting members on changes to the accreditation scheme. This post, from the Policy Committee, sets out what is proposed and how to respond. The consultation is open to all members in good standing.</p>
<h2>Why change?</h2>
<p>The current scheme was designed when most members trained on similar courses and worked in similar settings. That is no longer true. The board has heard repeatedly that the scheme is hard to navigate for members who trained abroad, who work mainly online, or who came into the profession through less conventional routes.</p>
<h2>The main proposals</h2>
<table>
<thead><tr><th>Area</th><th>Now</th><th>Proposed</th></tr></thead>
<tbody>
<tr><td>Supervised practice hours</td><td>450 hours, at least 150 in the last three years</td><td>450 hours, with no recency requirement but a reflective statement on current practice</td></tr>
<tr><td>Training</td><td>Must be on the approved course list</td><td>Approved list, or individual assessment of equivalent training</td></tr>
<tr><td>Case study</td><td>One written case study</td><td>Written case study, or recorded case discussion</td></tr>
<tr><td>Renewal</td><td>Every five years, by written application</td><td>Annual CPD declaration, with a sample audited</td></tr>
</tbody>
</table>
<h2>Our initial view</h2>
<p>The committee broadly supports the direction of travel, particularly the recognition of training from other routes and countries. We have questions about the removal of the recency requirement, and we want to be sure that the option of a recorded case discussion is genuinely equivalent in rigour to a written case study.</p>
<h2>How to respond</h2>
<ul>
<li>Complete the online survey in the members' area.</li>
<li>Come to one of the two online consultation meetings.</li>
<li>Raise it at your regional group; convenors will pass comments on.</li>
</ul>
<p>If you have questions about how the changes would affect you personally, the membership office can help.</p>`,
	},
	{
		slug: "book-review-ordinary-grief", title: "Book review: Ordinary Grief by Grace Addo",
		author: "dev-chaudhry", ago: 345,
		tags: []string{"book-review", "bereavement"},
		body: `<p><em>Ordinary Grief: Notes from a Bereavement Counsellor</em> by Grace Addo (Saltmarsh Books, 208 pages)</p>
<p>Grace Addo worked as a bereavement counsellor for twenty years before writing this book, and it shows in every page. It is not a textbook and not a self-help book, though it will be useful to both audiences. It is closer to a long, thoughtful conversation with a colleague who has seen a great deal.</p>
<h2>Against the stages</h2>
<p>Addo's starting point is her frustration with models of grief that describe it as a sequence of stages to be passed through. Clients, she says, arrive worried that they are "doing it wrong" because they are angry before they are sad, or because they feel fine for a week and then collapse. Her alternative is less a model than an attitude: grief is ordinary, various and lifelong, and the job of the counsellor is to accompany it rather than move it along.</p>
<h2>Highlights</h2>
<ul>
<li>A chapter on grief that is not recognised by others: for ex-partners, for pets, for people who died by suicide, for relationships that were complicated or abusive.</li>
<li>A moving section on anniversaries that makes a good companion to Fatima Al-Hassan's post on <a href="/posts/anniversaries-and-other-difficult-dates">difficult dates</a>.</li>
<li>Short, practical suggestions at the end of each chapter for counsellors who are new to bereavement work.</li>
</ul>
<h2>Quibbles</h2>
<p>The case examples are almost all from white British families, and Addo does not really engage with how grief and mourning differ across cultures and faiths. For a book so committed to the variety of grief, that is a surprising gap.</p>
<h2>Verdict</h2>
<p>A warm, wise book that I will be recommending to supervisees. Read it alongside something that takes cultural difference more seriously.</p>`,
	},
	{
		slug: "a-cpd-year-in-review", title: "A CPD year in review",
		author: "oluwaseun-adeyemi", ago: 330,
		tags:   []string{"cpd"},
		blocks: []string{"links-cpd"},
		body: `<p>It is renewal season again, which means it is time to look at my CPD log. I have written before about <a href="/posts/logging-cpd-without-losing-the-will-to-live">keeping a log</a> and about <a href="/posts/cpd-that-counts">choosing CPD that counts</a>. This year I thought I would show you mine, with the reflections column lightly edited.</p>
<table>
<thead><tr><th>Activity</th><th>Hours</th><th>What changed</th></tr></thead>
<tbody>
<tr><td>Perinatal mental health course (three days)</td><td>18</td><td>I now ask every new parent about sleep, intrusive thoughts and support in the first session</td></tr>
<tr><td>Reading group (monthly)</td><td>10</td><td>Less jargon in my letters to GPs; more curiosity about other modalities</td></tr>
<tr><td>Annual conference</td><td>9</td><td>Changed how I handle incomplete homework</td></tr>
<tr><td>Writing for this blog</td><td>6</td><td>Forced me to articulate things I had been doing on autopilot</td></tr>
<tr><td>Shadowing a perinatal midwife</td><td>4</td><td>A much better sense of what new parents are told, and not told</td></tr>
<tr><td><strong>Total</strong></td><td><strong>47</strong></td><td></td></tr>
</tbody>
</table>
<h2>What went well</h2>
<p>Having a focus helped. Nearly two-thirds of my CPD was connected to one area of my practice, and I can point to specific things I now do differently.</p>
<h2>What didn't</h2>
<p>I signed up for two webinars I never watched, and I let my reading slip in the second half of the year when work got busy. I also did almost nothing on risk assessment, which I should refresh.</p>
<h2>Next year</h2>
<p>Risk assessment, and something completely outside my comfort zone. I am considering a short course in creative methods, after reading some of the posts on this blog. I will report back.</p>`,
	},
	{
		slug: "balancing-placement-study-and-a-part-time-job", title: "Balancing placement, study and a part-time job",
		author: "ana-maria-oconnor", ago: 290,
		tags:   []string{"students", "wellbeing"},
		blocks: []string{"links-students", "cta-join"},
		body: `<p>I am in the first year of an integrative counselling diploma. I have a placement at a bereavement charity, a part-time job in a bookshop, and a timetable that would make an air traffic controller wince. A tutor suggested that writing about it might help other trainees, so here goes.</p>
<h2>A typical week</h2>
<ul>
<li>One full day of college, with theory in the morning and skills practice in the afternoon.</li>
<li>Three clients on placement, on two evenings, plus placement supervision every other week.</li>
<li>Three days in the bookshop.</li>
<li>Personal therapy, fortnightly.</li>
<li>Reading, essays and the learning journal, squeezed into whatever is left.</li>
</ul>
<h2>What helps</h2>
<ol>
<li><strong>A fixed study slot.</strong> Sunday mornings are for college work, no matter what. It means the rest of the week can be a bit more chaotic.</li>
<li><strong>An honest employer.</strong> I told my manager what the course involves. She has been flexible about shifts around placement days, which I did not expect.</li>
<li><strong>My cohort.</strong> We share notes, swap readings and, crucially, remind each other that everyone is struggling.</li>
<li><strong>Saying no.</strong> I have turned down a lot of social invitations this year, and I have had to stop feeling guilty about it.</li>
</ol>
<h2>What I worry about</h2>
<p>Money, mostly. The course, personal therapy and supervision are expensive, and I cannot work more hours without something else giving. I know I am not alone in this; the Society's consultation response on unpaid placements said much the same thing.</p>
<p>If you are a trainee reading this at midnight with an essay due: you are doing better than you think.</p>`,
	},
	{
		slug: "stabilisation-before-processing", title: "Stabilisation before processing: why pacing matters in trauma work",
		author: "ingrid-saether", ago: 285,
		tags: []string{"trauma", "practice-notes"},
		body: `<p>In <a href="/posts/trauma-informed-is-not-a-buzzword">my last post</a> I wrote about what being trauma-informed means for services. This one is about the therapy itself, and specifically about pacing.</p>
<h2>The temptation to go straight to the trauma</h2>
<p>Clients often arrive wanting to "get it out", and therapists, wanting to help, can be tempted to start working directly on traumatic memories early on. Sometimes that is right. But for many clients, particularly those with repeated or long-standing trauma, going too fast can overwhelm them, increase symptoms and lead them to leave therapy altogether.</p>
<h2>A phased approach</h2>
<p>Most approaches to complex trauma describe something like three phases, though they name them differently:</p>
<ol>
<li><strong>Safety and stabilisation:</strong> building the therapeutic relationship, understanding symptoms, developing ways to manage overwhelming feelings, and addressing current safety.</li>
<li><strong>Processing:</strong> working directly with traumatic memories, at a pace the client can tolerate.</li>
<li><strong>Integration:</strong> rebuilding relationships, routines and a sense of a future.</li>
</ol>
<p>The phases are not strictly sequential; we return to stabilisation whenever we need to.</p>
<h2>How long is "long enough"?</h2>
<p>There is genuine disagreement about this, and Tamsin Orr's book, which Dev Chaudhry <a href="/posts/book-review-the-body-remembers-rain">reviewed last year</a>, sets it out fairly. Some argue that lengthy stabilisation can delay effective treatment. My own view is that the question is not how many sessions, but whether the client has enough ways to come back to the present when things get difficult.</p>
<h2>Signs a client may be ready</h2>
<ul>
<li>They can notice and name when they are becoming overwhelmed.</li>
<li>They have at least a few reliable ways of grounding themselves.</li>
<li>Their current life is reasonably safe and stable.</li>
<li>They want to go further, and understand what that will involve.</li>
</ul>`,
	},
	{
		slug: "annual-conference-programme-announced", title: "Annual conference: programme announced",
		author: "priya-raman", ago: 270,
		tags:   []string{"conference", "society-news"},
		blocks: []string{"contact-events", "cta-join"},
		body: `<p>We are pleased to announce the programme for this year's annual conference, which returns to the Northfield Corn Exchange. After last year's <a href="/posts/conference-highlights-in-numbers">record attendance</a>, we have added a third workshop slot on each day and a second quiet room.</p>
<h2>Theme: "Practice that lasts"</h2>
<p>This year's theme is sustainability in the broadest sense: how practitioners sustain themselves, how services sustain good work on limited funding, and how the profession can keep its values while it changes.</p>
<h2>Keynotes</h2>
<ul>
<li><strong>Day one:</strong> "The long career", on what keeps therapists well and effective over decades, and what wears them down.</li>
<li><strong>Day two:</strong> "Therapy without walls", on the growth of online, text-based and outdoor therapies, and what they ask of us.</li>
</ul>
<h2>Workshop streams</h2>
<ol>
<li>Practitioner wellbeing and burnout</li>
<li>Online and text-based practice</li>
<li>Work with children, young people and families</li>
<li>Ethics in a changing profession</li>
</ol>
<h2>Also new this year</h2>
<ul>
<li>A trainees' lunch on day one, hosted by the Eastbrook group.</li>
<li>A book stall run by a local independent bookshop.</li>
<li>A morning walk before day two, for anyone who would like to start with fresh air.</li>
</ul>
<p>Booking opens for members next month. Bursary places are available for members on low incomes and for trainees; details will be sent with the booking information.</p>`,
	},
	{
		slug: "research-summary-loneliness-and-help-seeking-in-older-adults", title: "Research summary: loneliness and help-seeking in older adults",
		author: "lucja-wisniewska", ago: 255,
		tags: []string{"research", "wellbeing"},
		body: `<p>Older adults are consistently under-represented among people who seek counselling, even though rates of loneliness, bereavement and depression in later life are substantial. Kwame Mensah made the wider point in his post on <a href="/posts/better-data-on-who-accesses-therapy">who accesses therapy</a>. This summary looks at a study that asked older adults themselves why they do, or do not, seek help.</p>
<h2>The study</h2>
<p>Researchers interviewed 34 people aged between 68 and 91, living in their own homes in a mix of urban and rural areas, all of whom described themselves as often or always lonely. Only five had ever spoken to a counsellor.</p>
<h2>Why people did not seek help</h2>
<ul>
<li><strong>"It's just part of getting old."</strong> Many saw loneliness and low mood as inevitable, not something that could change.</li>
<li><strong>Not wanting to be a burden</strong>, on family, on the NHS, or on a counsellor.</li>
<li><strong>Not knowing what counselling is.</strong> Several participants imagined it as something for people with serious mental illness.</li>
<li><strong>Practical barriers:</strong> transport, hearing difficulties, and discomfort with technology for online services.</li>
</ul>
<h2>What helped those who did</h2>
<p>The five who had seen a counsellor had all been encouraged by someone they trusted, usually a GP or a friend, and had found a practitioner who was patient with practicalities: longer sessions, home visits, or telephone rather than video.</p>
<h2>Limitations</h2>
<p>A small, self-selected sample in one region. But the themes are consistent with other research.</p>
<h2>Implications</h2>
<p>Members who would like to work with older adults might consider building relationships with GP practices and community groups, being explicit about what counselling involves, and making practical adjustments the default rather than the exception.</p>`,
	},
	{
		slug: "ethics-casebook-the-gift-from-a-client", title: "Ethics casebook: the gift from a client",
		author: "christian-billington", ago: 240, members: true,
		tags:   []string{"ethics"},
		blocks: []string{"contact-ethics", "links-ethics"},
		body: `<p>This is the first in an occasional series of anonymised dilemmas from the ethics helpline. Details have been changed and combined, and the member has agreed to its publication.</p>
<h2>The situation</h2>
<p>A member had been working with a client for nearly two years. At their final session, the client gave her a wrapped gift. She opened it after the client left and found an expensive watch. She called the helpline the next morning, unsure whether to keep it, return it, or contact the client at all.</p>
<h2>What the code says</h2>
<p>The <a href="https://northfield.example/ethics/code">Code of Ethics</a> does not forbid accepting gifts. It asks members to consider whether accepting a gift could exploit the client, compromise the relationship or create an expectation. Small tokens of thanks, such as a card, flowers or a homemade cake, are generally fine, and refusing them can itself be hurtful.</p>
<h2>Questions we worked through</h2>
<ol>
<li><strong>What is the value, to the client?</strong> The watch was expensive in absolute terms. We did not know whether it was expensive to this client.</li>
<li><strong>What might it mean?</strong> A thank you? A wish to be remembered? A wish to keep the relationship going? A repayment of a perceived debt?</li>
<li><strong>Why wasn't it discussed?</strong> Because it was given at the very end, there was no opportunity to explore it in the work.</li>
<li><strong>What would returning it communicate?</strong> Possibly rejection, at the most vulnerable moment of the relationship.</li>
</ol>
<h2>What the member decided</h2>
<p>After talking it through with her supervisor, she wrote a short, warm letter thanking the client, explaining that the Society's code asks counsellors not to accept gifts of significant value, and returning the watch. She offered a single follow-up session if the client wanted to talk about it. The client did not take it up, but replied with a kind note.</p>
<h2>What we took from it</h2>
<p>Members may want to mention gifts in their contract, and to raise the subject in the run-up to an ending, when gifts are most likely. A conversation about a gift in the penultimate session is far easier than a letter after the last.</p>`,
	},
	{
		slug: "art-therapy-group-for-new-parents", title: "Running an art therapy group for new parents",
		author: "chloe-lefevre", ago: 225,
		tags: []string{"creative-therapies", "wellbeing"},
		body: `<p>For the last year I have run a weekly art therapy group for parents of babies under a year old, in a children's centre in Eastbrook. It is the most joyful and the most exhausting work I do. Several members asked how it works, so here is a short account.</p>
<h2>The set-up</h2>
<ul>
<li>Eight places, for parents referred by health visitors or who refer themselves.</li>
<li>Babies come too. A nursery nurse helps, so that parents can have their hands free for a while.</li>
<li>Ninety minutes: a welcome, an open art-making time, a short sharing circle, and tea.</li>
<li>Twelve weeks, with the option to rejoin.</li>
</ul>
<h2>Why art?</h2>
<p>New parents are often exhausted, isolated and unsure of themselves, and many find it hard to talk about how they feel, especially if the feelings are not the ones they expected. Making something with their hands, alongside others, can be a way in. As I wrote in <a href="/posts/art-materials-in-a-counselling-room">my starter kit post</a>, you do not need to be able to draw.</p>
<h2>What happens</h2>
<p>Some weeks, parents make images about their experience: a self-portrait "before and after", a picture of a night feed, a collage of everything they have lost and gained. Other weeks, they simply enjoy making something for themselves. Both matter. One mother said it was the only hour in her week when she felt like a person rather than a function.</p>
<h2>What I have learned</h2>
<p>Expect interruptions: crying babies, nappy changes, feeds. Treat them as part of the group rather than a disruption. And keep an eye out for parents who may need more than a group: I have referred several on to perinatal mental health services, with their agreement.</p>`,
	},
	{
		slug: "personal-therapy-as-a-trainee", title: "Personal therapy as a trainee: worth every penny",
		author: "zoe-angstrom", ago: 210,
		tags:   []string{"students"},
		blocks: []string{"links-students", "cta-donate"},
		body: `<p>My course requires forty hours of personal therapy, and when I started I confess I saw it as another box to tick, and an expensive one. I have now done more than sixty hours, well over the requirement, and I want to explain why.</p>
<h2>It taught me what it is like to be a client</h2>
<p>I knew, in theory, that it is hard to walk into a room and talk to a stranger about your life. Doing it every fortnight for a year and a half has taught me just how hard. I now understand why clients arrive late, forget what they wanted to say, or spend twenty minutes on small talk before getting to the point. I have done all of those things.</p>
<h2>It showed me my blind spots</h2>
<p>When I wrote about <a href="/posts/what-my-first-client-taught-me">my first client</a>, I mentioned how tired I felt after sessions. My therapist helped me see that I was working hard to be liked, a habit with a long history. Noticing it in my own therapy has helped me notice it with clients.</p>
<h2>It gave me somewhere to take what the course stirred up</h2>
<p>Counselling training is personal. Skills practice, personal development groups and clients' stories all stir things up. Without my own therapy, I think I would have brought more of that into my client work, or into my cohort, neither of which would have been fair.</p>
<h2>The cost</h2>
<p>It is still expensive. My therapist offers a reduced fee to trainees, which helps, and I know others on my course have had help from the Society's bursary fund. If you can give to the fund, it makes a real difference to people like me.</p>`,
	},
	{
		slug: "bereavement-and-faith-asking-rather-than-assuming", title: "Bereavement and faith: asking rather than assuming",
		author: "fatima-al-hassan", ago: 195,
		tags: []string{"bereavement", "diversity-and-inclusion"},
		body: `<p>Working in a hospice, I support families from many faiths and none. One of the most common mistakes I see, and one I have made myself, is assuming we know what someone's faith means to them in their grief.</p>
<h2>Faith is not a script</h2>
<p>Knowing that a family is Muslim, Catholic, Hindu or Jewish tells you something about the rituals they may follow. It tells you very little about what those rituals mean to this person, how they feel about God right now, or whether their faith is a comfort, a struggle or both. Mei-Ling Tsang's post on <a href="/posts/cultural-humility-is-a-practice">cultural humility</a> makes the same point about culture, and it applies just as strongly to faith.</p>
<h2>Questions I ask</h2>
<ul>
<li>"Is faith, or spirituality, important to you at the moment?"</li>
<li>"Are there things your faith asks of you around death and mourning that we should know about?"</li>
<li>"Has this loss changed how you feel about your faith?"</li>
<li>"Is there anyone from your community you would like involved?"</li>
</ul>
<h2>When faith is a struggle</h2>
<p>Some clients feel angry with God, or feel they have lost their faith, and are frightened or ashamed to say so in their own community. The counselling room may be the one place they can. I try to make clear that this is welcome, without pushing them either towards faith or away from it.</p>
<h2>When faith is the main source of support</h2>
<p>For others, faith and community carry them through, and counselling is a supplement. That is fine too. My job is to support what helps, not to replace it.</p>`,
	},
	{
		slug: "conference-report-the-online-practice-stream", title: "Conference report: the online practice stream",
		author: "nikhil-iyer", ago: 180,
		tags: []string{"conference", "online-therapy"},
		body: `<p>The <a href="/posts/annual-conference-programme-announced">conference programme</a> promised a stream on online and text-based practice, and I was lucky enough to chair it. Here is a summary for those who could not be there.</p>
<h2>Session one: the evidence so far</h2>
<p>Łucja Wiśniewska gave a clear overview of the research on online therapy. The short version: for many common difficulties, video therapy appears to be about as effective as face-to-face work, but the evidence is much thinner for text-based work and for work with young people and people at high risk.</p>
<h2>Session two: text-based work in practice</h2>
<p>I presented on my own experience of text-based therapy, building on <a href="/posts/text-based-therapy-a-first-year">what I wrote here</a> after my first year. The questions were excellent, and focused mostly on risk and on how to tell whether text work is going well when you cannot see the client.</p>
<h2>Session three: online work with young people</h2>
<p>Aoife Ní Bhriain and a colleague from a youth counselling charity described what they have learned about working with under-eighteens online: the importance of knowing who else is in the house, the value of shorter sessions, and the particular difficulty of confidentiality when a young person shares a bedroom.</p>
<h2>Session four: the practitioner's screen</h2>
<p>The final session, on the wellbeing of practitioners who work mainly online, was the most personal. Several participants described feeling isolated, and one said she had not been in a room with another counsellor for two years before the conference. That struck a chord with many of us.</p>
<h2>What next</h2>
<p>There was strong support for an online practice interest group. If you would like to be involved, please get in touch.</p>`,
	},
	{
		slug: "eastbrook-group-welcoming-new-trainees", title: "Eastbrook group: welcoming new trainees",
		author: "jose-nunez", ago: 165,
		tags:   []string{"regional-groups", "students"},
		blocks: []string{"contact-eastbrook", "links-students"},
		body: `<p>This term the Eastbrook group welcomed nine new student members, most of them from the Millbridge College diploma, which is the largest intake of trainees we have ever had. Some of them came to the trainees' lunch we hosted at the conference, and I hope they have found us friendly.</p>
<h2>Why trainees matter to a regional group</h2>
<p>Trainees bring energy, questions and an up-to-date sense of what is being taught. They also need what regional groups are best at: contact with experienced practitioners, informal advice about placements and supervision, and a sense that they belong to a profession rather than just a course.</p>
<h2>What we are doing</h2>
<ul>
<li><strong>A buddy scheme.</strong> Each new trainee can be paired with a qualified member for an informal chat once a term. Twelve members have volunteered.</li>
<li><strong>A trainees' slot at each meeting.</strong> Ten minutes for trainee members to raise questions, with no question too basic.</li>
<li><strong>Peer supervision, later.</strong> Trainees are welcome to join the waiting list for the peer supervision circles, which are doing well after <a href="/posts/eastbrook-group-a-year-of-peer-supervision">their first year</a>, once they have qualified.</li>
</ul>
<h2>A word to qualified members</h2>
<p>Many of us remember how isolating training could be. If you can spare an hour a term to be a buddy, please let me know. It is one of the most rewarding things the group does, and you will probably learn as much as your trainee.</p>`,
	},
	{
		slug: "letter-to-my-younger-self-on-qualifying", title: "A letter to my younger self, on the day she qualified",
		author: "margaret-ellsworth", ago: 150,
		tags: []string{"retirement", "students"},
		body: `<p>I wrote <a href="/posts/what-retirement-taught-me-about-listening">a post about listening</a> after I retired, and one of the newly qualified counsellors I mentor asked what I would tell myself at the start of my career. This is my attempt.</p>
<p>Dear Margaret,</p>
<p>Congratulations. You have worked very hard for this, and you are right to be proud. You are also, although you do not know it yet, at the very beginning.</p>
<p>You think you have learned how to do counselling. What you have learned is how to start learning it. That is not a criticism; it is the best possible news. The next twenty-six years will teach you far more than the last three.</p>
<p>Some things I wish you knew:</p>
<ul>
<li>Most of your clients will not remember anything clever you say. They will remember whether you were kind, and whether you stayed.</li>
<li>You will make mistakes. Some of them will matter. Tell your supervisor, every time.</li>
<li>The clients you dread seeing will often teach you the most.</li>
<li>Look after your back, your sleep and your friendships. You will need all three.</li>
<li>Keep your notes shorter. Much shorter.</li>
<li>Go to the regional group, even when you are tired. Especially when you are tired.</li>
</ul>
<p>You will sometimes wonder whether you are any good at this. That is a sign you are taking it seriously. The day to worry is the day you stop wondering.</p>
<p>With love, and a little envy,</p>
<p>Margaret</p>`,
	},
	{
		slug: "supervision-and-the-trainee-responsibilities", title: "Supervision and the trainee: responsibilities on both sides",
		author: "hannah-whitcombe", ago: 135, members: true,
		tags: []string{"supervision", "students"},
		body: `<p>Years ago I wrote about <a href="/posts/what-i-wish-i-had-known-about-supervision">what I wish I had known about supervision</a> as a new counsellor. This post is for supervisors and placement providers as much as for trainees, and it is about who is responsible for what when a trainee is on placement.</p>
<h2>Three parties, three sets of responsibilities</h2>
<table>
<thead><tr><th>Party</th><th>Main responsibilities</th></tr></thead>
<tbody>
<tr><td>Trainee</td><td>Bringing all client work to supervision; working within their competence; keeping notes and logs up to date; raising concerns early</td></tr>
<tr><td>Supervisor</td><td>Overseeing the trainee's client work; giving honest feedback; writing reports for the course; raising concerns about practice</td></tr>
<tr><td>Placement</td><td>Assessing and allocating suitable clients; providing a safe room and clear policies; day-to-day management and risk procedures</td></tr>
</tbody>
</table>
<p>The course sits behind all three, and has the final say on whether the trainee is ready to qualify.</p>
<h2>Where it goes wrong</h2>
<ul>
<li><strong>Gaps.</strong> Everyone assumes someone else is holding risk. Agree, in writing, who the trainee contacts if a client is at risk between supervision sessions.</li>
<li><strong>Mixed messages.</strong> The placement asks for one thing and the course another. The trainee should not have to referee.</li>
<li><strong>Unsuitable clients.</strong> Trainees are sometimes allocated clients who are too complex, because a placement has a waiting list. Supervisors should feel able to say so.</li>
</ul>
<h2>Reports</h2>
<p>Supervisor reports for courses should never be a surprise. If I have a concern, the trainee hears it from me in supervision, long before it appears in writing.</p>
<h2>A three-way meeting</h2>
<p>I now ask for a short three-way conversation between trainee, supervisor and placement at the start of each placement. It takes half an hour and prevents most of the problems above.</p>`,
	},
	{
		slug: "career-change-at-fifty-engineering-to-counselling", title: "Career change at fifty: from engineering to counselling",
		author: "yusuf-demir", ago: 100,
		tags:   []string{"students", "wellbeing"},
		blocks: []string{"cta-join"},
		body: `<p>For twenty-five years I designed bridges and drainage systems. A year ago I qualified as a counsellor, and I have recently joined the Society as a full member. Priya asked whether I would write something for people thinking about a similar change. I am glad to.</p>
<h2>Why I changed</h2>
<p>There was no single moment. There was a long period of feeling that my work mattered less to me than the conversations I had with colleagues who were struggling. Then a redundancy round gave me the push, and the money, to try something different. An evening course in counselling skills turned into a certificate, and then a diploma.</p>
<h2>What transferred</h2>
<ul>
<li><strong>Patience with complex systems.</strong> People are more complicated than drainage networks, but both reward careful attention to how things connect.</li>
<li><strong>Comfort with not knowing.</strong> Engineers spend a lot of time with uncertainty. So do counsellors.</li>
<li><strong>Working with men who would not otherwise seek help.</strong> A surprising number of my clients are men from technical professions who find it reassuring that I was once one of them.</li>
</ul>
<h2>What didn't</h2>
<p>The urge to fix things. In engineering, if you see a problem, you solve it. In counselling, solving a client's problem for them is usually the least helpful thing you can do. I am still unlearning this.</p>
<h2>Practicalities</h2>
<p>Training took three years part-time and cost more than I expected, once supervision and personal therapy were included. Income in the first years is modest. If you are thinking about it, talk to people who have done it, and start with an introductory course before committing.</p>`,
	},
	{
		slug: "consultation-response-data-protection-guidance", title: "Consultation response: data protection guidance for therapists",
		author: "kwame-mensah", ago: 90, members: true,
		tags:   []string{"policy", "ethics"},
		blocks: []string{"links-ethics"},
		body: `<p>The data protection regulator has consulted on draft guidance for health and care practitioners working on their own or in small practices, which covers most of our members in private practice. The Society has responded. This is a summary for members.</p>
<h2>What the guidance covers</h2>
<ul>
<li>What counts as health data, and the lawful bases for processing it.</li>
<li>How long records should be kept.</li>
<li>Clients' rights to access their records.</li>
<li>Security, including cloud services and messaging apps.</li>
<li>What to do if data is lost or stolen.</li>
</ul>
<h2>What we welcomed</h2>
<p>The guidance is clearer than anything previously available, and it recognises that sole practitioners cannot be expected to have the resources of a hospital. The section on subject access requests is particularly helpful, and fits closely with the approach Margaret Ellsworth described in her post on <a href="/posts/keeping-notes-that-help-rather-than-hinder">keeping notes that help rather than hinder</a>.</p>
<h2>Where we asked for changes</h2>
<ol>
<li><strong>Process notes.</strong> The draft is ambiguous about whether a therapist's private process notes form part of the client record. We asked for clarity, and for the guidance to recognise their role in supervision.</li>
<li><strong>Retention periods.</strong> The draft suggests a single retention period for all records. We argued for flexibility for records relating to children.</li>
<li><strong>Messaging apps.</strong> The draft is silent on clients who insist on contacting their therapist through consumer messaging apps. We asked for practical advice.</li>
</ol>
<h2>What you can do now</h2>
<p>Review your own practice against the draft. Björn Müller's post on <a href="/posts/private-practice-admin-tools-i-actually-use">admin tools for private practice</a> is a good place to start. The final guidance is expected later in the year, and we will summarise it here when it arrives.</p>`,
	},
	{
		slug: "compassion-fatigue-and-how-i-noticed-it", title: "Compassion fatigue, and how I noticed it",
		author: "oluwaseun-adeyemi", ago: 45,
		tags: []string{"wellbeing"},
		body: `<p>I have written about <a href="/posts/burnout-is-not-a-personal-failing">burnout</a> and about <a href="/posts/when-the-work-comes-home">the work coming home</a>. I thought, perhaps smugly, that having written about these things I was protected from them. This post is about how I found out I was not.</p>
<h2>The signs I missed</h2>
<p>It crept up. Over a few months I noticed I was less moved by clients' stories. I was checking the clock more. I found myself thinking, "Not this again," when a client returned to a familiar theme. At home, I was irritable, and I stopped reading the news because I "couldn't take any more bad things".</p>
<h2>Burnout or compassion fatigue?</h2>
<p>They overlap, but they are not quite the same. Burnout, as I understand it, comes mainly from workload and working conditions. Compassion fatigue comes from the cumulative emotional cost of caring for people who are suffering. My caseload had not changed. But several of my clients had been through terrible things, and I had been carrying them for a long time.</p>
<h2>What helped</h2>
<ol>
<li>Telling my supervisor, who had noticed before I did.</li>
<li>Rebalancing my caseload so that I was not seeing several clients with severe trauma on the same day.</li>
<li>Returning to things that have nothing to do with helping anyone: football, cooking, long walks with no purpose.</li>
<li>A week off, taken properly, with my work phone switched off.</li>
</ol>
<h2>Why I am writing this</h2>
<p>Because if it can happen to someone who writes blog posts about it, it can happen to anyone. If any of this sounds familiar, please talk to someone. Your supervisor is a good place to start.</p>`,
	},
	{
		slug: "book-review-the-second-session", title: "Book review: The Second Session by Marcus Lindell",
		author: "dev-chaudhry", ago: 30,
		tags: []string{"book-review", "students"},
		body: `<p><em>The Second Session: Beginnings, Uncertainty and the Early Weeks of Therapy</em> by Marcus Lindell (Harbour Lane Press, 176 pages)</p>
<p>There are many books about assessment and the first session, and many about long-term work. Marcus Lindell, a counsellor and trainer, has noticed a gap between them: the second, third and fourth sessions, when the initial relief has faded, the real work has not yet begun, and many clients quietly decide whether to come back.</p>
<h2>What it covers</h2>
<p>Lindell describes the early weeks as a period of mutual testing. Clients are working out whether the therapist can be trusted; therapists are working out what the client really came for, which is often not what they said at assessment. He draws on his own practice and on research on early drop-out, including studies similar to the one Łucja Wiśniewska summarised in her post on <a href="/posts/research-summary-drop-out-in-the-first-three-sessions">drop-out in the first three sessions</a>.</p>
<h2>Strengths</h2>
<ul>
<li>It is short, clear and full of practical suggestions, such as a brief review at the end of the third session.</li>
<li>It takes the client's ambivalence seriously, without pathologising it.</li>
<li>It is modality-neutral, and should be useful whatever your training.</li>
</ul>
<h2>Weaknesses</h2>
<p>Some readers will find it too slight. The chapters are brief, and the case material is thin in places. Lindell also says little about short-term contracts, where the second session may already be a third of the way through the work.</p>
<h2>Verdict</h2>
<p>An ideal book for trainees and newly qualified counsellors, and a useful prompt for the rest of us to think about a stage of therapy we often take for granted.</p>`,
	},
	{
		slug: "research-summary-walk-and-talk-therapy", title: "Research summary: the evidence for walk-and-talk therapy",
		author: "lucja-wisniewska", ago: 20,
		tags: []string{"research", "wellbeing"},
		body: `<p>Counselling outdoors, usually while walking side by side, has become more popular in recent years, and several members have asked what the evidence says. Dev Chaudhry's <a href="/posts/book-review-small-rooms-long-silences">review of a book on therapy with men</a> mentioned walking sessions as one way to reach clients who find the conventional room difficult. This summary draws on a recent review of the research.</p>
<h2>What the review found</h2>
<ul>
<li>There are relatively few studies, most of them small, and very few compare outdoor therapy directly with indoor therapy.</li>
<li>Clients in the studies generally reported finding walking sessions acceptable and often preferable, particularly those who found eye contact or the formality of a therapy room difficult.</li>
<li>Therapists reported that conversation often flowed more easily side by side, and that the natural environment sometimes provided useful metaphors.</li>
<li>There is separate, larger evidence that time in green space and physical activity are associated with better mood, but it is hard to disentangle this from the effect of therapy itself.</li>
</ul>
<h2>The practical and ethical questions</h2>
<p>The studies also highlighted issues members will recognise:</p>
<ol>
<li><strong>Confidentiality.</strong> What happens if you meet someone the client knows?</li>
<li><strong>Weather and accessibility.</strong> Not every client can walk, and not every day is walkable.</li>
<li><strong>Risk.</strong> What if a client becomes distressed a mile from the car park?</li>
<li><strong>Boundaries.</strong> The frame is looser outdoors; contracting needs to cover this.</li>
</ol>
<h2>My reading</h2>
<p>The evidence is promising but thin. Walk-and-talk therapy looks like a reasonable option for some clients, not a replacement for the room. If you offer it, contract carefully, plan for bad weather and distress, and let the client choose.</p>`,
	},
	{
		slug: "working-with-parents-when-the-young-person-is-the-client", title: "Working with parents when the young person is the client",
		author: "aoife-ni-bhriain", ago: 12,
		tags: []string{"children-and-young-people", "couples-and-families", "ethics"},
		body: `<p>Parents are often the people who bring a young person to counselling, pay for it, or worry about it most. They are not the client. Managing that difference, respectfully and clearly, is one of the most delicate parts of working with young people.</p>
<h2>Setting expectations early</h2>
<p>Before I meet a young person privately, I meet the parent or carer, ideally with the young person present, and explain:</p>
<ul>
<li>that what the young person tells me is confidential, with the same limits I explain to them;</li>
<li>that I will not report back on the content of sessions, even if asked;</li>
<li>that I may, with the young person's agreement, suggest a joint session if it would help;</li>
<li>how to contact me if they are worried, and what I will do with what they tell me.</li>
</ul>
<p>Christian Billington's post on <a href="/posts/consent-confidentiality-and-their-limits">consent and confidentiality</a> includes an example of a parent paying for sessions and asking for updates. It happens to me regularly.</p>
<h2>When parents want to know</h2>
<p>Parents' anxiety is usually loving. When a parent asks how things are going, I acknowledge their concern, explain again why I cannot share details, and, if the young person agrees, share something general: "They're attending regularly and working hard." Often I encourage the young person to share something themselves.</p>
<h2>When parents are part of the difficulty</h2>
<p>Sometimes what the young person brings is about their parents. That needs particular care, both in protecting the young person's trust and in being fair to parents who are not in the room. Systemic ideas help here; Søren Ødegaard's post on <a href="/posts/systemic-ideas-for-individual-practitioners">systemic ideas for individual practitioners</a> is a good introduction.</p>
<h2>Safeguarding</h2>
<p>None of this overrides safeguarding. If a young person is at risk, I act, and I tell them what I am doing and why.</p>`,
	},
	{
		slug: "renewal-season-why-your-membership-matters", title: "Renewal season: why your membership matters",
		author: "christian-billington", ago: 5,
		tags:   []string{"society-news"},
		blocks: []string{"cta-renew", "contact-membership"},
		body: `<p>Many members' renewals fall due over the coming weeks. I know that, for members on modest incomes, the fee is a real cost, and the board takes that seriously. So, as a trustee and a member of many years, I want to say briefly what your membership pays for.</p>
<h2>What the Society does</h2>
<ul>
<li><strong>Standards.</strong> The Code of Ethics, the ethics helpline and the complaints process, which protect clients and give members somewhere to turn when things are difficult.</li>
<li><strong>Voice.</strong> Our responses to government consultations on regulation, workforce planning and data protection, informed by members' views.</li>
<li><strong>Community.</strong> Regional groups, peer supervision circles, the annual conference and this blog.</li>
<li><strong>Development.</strong> CPD resources, research summaries and the accreditation scheme.</li>
<li><strong>Access.</strong> The Trainee Bursary Fund, conference bursaries and the "find a counsellor" directory, which last year was used by more than 40,000 people looking for help.</li>
</ul>
<h2>If you are struggling to pay</h2>
<p>Please talk to the membership office before letting your membership lapse. There is a reduced rate for members on low incomes, a retired rate, and the option to pay in instalments. Remember that your membership stays in good standing for a 30-day grace period after it expires, but lapses after that.</p>
<h2>Thank you</h2>
<p>The Society is its members. Thank you for being one, and I hope you will renew.</p>`,
	},
}
