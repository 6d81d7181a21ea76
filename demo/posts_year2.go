package demo

// postsSecondYear were published one to two years ago.
var postsSecondYear = []postSpec{
	{
		slug: "social-media-clients-and-the-friend-request", title: "Social media, clients and the friend request",
		author: "christian-billington", ago: 720,
		tags:   []string{"ethics", "online-therapy"},
		blocks: []string{"links-ethics", "contact-ethics"},
		body: `<p>The <a href="/posts/revised-code-of-ethics-what-has-changed">revised Code of Ethics</a> includes, for the first time, a section on social media. Since it came into force, the ethics helpline has had more calls about social media than about any other new section. This post gathers the most common questions.</p>
<h2>"A client sent me a friend request. What do I do?"</h2>
<p>Do not accept it, and do not simply ignore it either. Bring it up in the next session, kindly. The request almost always means something: a wish for a more ordinary relationship, curiosity about your life, a test of the boundary. Exploring it is usually more useful than the refusal itself. Many members now include a sentence about social media in their contract, which makes the conversation easier.</p>
<h2>"A client has found my personal account."</h2>
<p>Assume that anything you post publicly can be seen by clients, past and present. Check your privacy settings, and think about what a client would make of your holiday photos, your political opinions or your jokes. This is not about hiding who you are. It is about choosing what you bring into the relationship.</p>
<h2>"Can I search for a client online?"</h2>
<p>The code asks you to think very carefully before doing so, and to be open with the client if you do. There are rare situations, usually involving risk, where it may be justified. Curiosity is not one of them.</p>
<h2>"Can I write about my work on social media?"</h2>
<p>Yes, with care. Writing about the profession, about mental health in general, or about your own experience as a practitioner is fine. Writing about clients, even disguised, is not, unless you have their explicit consent, and even then it is rarely wise on a public platform.</p>
<blockquote><p>A useful test: would you be comfortable if every one of your current clients read this post?</p></blockquote>`,
	},
	{
		slug: "text-based-therapy-a-first-year", title: "Text-based therapy: a practitioner's first year",
		author: "nikhil-iyer", ago: 700,
		tags: []string{"online-therapy", "practice-notes"},
		body: `<p>A year ago I started offering counselling by live text chat alongside video sessions. Several colleagues were sceptical, and so, honestly, was I. Here is what I have learned.</p>
<h2>Who chooses text</h2>
<p>Mostly people in their twenties and thirties, but not only. The clients who have chosen text include people with social anxiety, people who are deaf or hard of hearing, people who live in small flats with no private space, and people who simply find it easier to write than to speak. Several said they would not have sought therapy at all if text had not been an option.</p>
<h2>What is different</h2>
<ul>
<li><strong>Slower pace.</strong> A fifty-minute text session covers less ground than a spoken one. I have learned to expect that and not to rush.</li>
<li><strong>No tone of voice.</strong> I ask much more often what a client means, and check how my own messages have landed.</li>
<li><strong>Precision.</strong> Clients often write things with a clarity they could not manage aloud. Some describe it as like writing a diary that answers back.</li>
<li><strong>The transcript.</strong> Both of us have a record of every word, which raises real questions about storage and privacy that need to be covered in the contract.</li>
</ul>
<h2>What I would tell a colleague starting out</h2>
<ol>
<li>Get specific training. Written communication is a skill of its own.</li>
<li>Agree a risk protocol before you need it, including how you will contact emergency services if a client is at risk and you do not know where they are.</li>
<li>Read Mei-Ling Tsang's <a href="/posts/secure-online-practice-checklist">checklist for secure online practice</a>; almost all of it applies to text.</li>
<li>Type less than you think you should. Short messages leave room for the client.</li>
</ol>`,
	},
	{
		slug: "when-a-supervisee-is-struggling", title: "When a supervisee is struggling",
		author: "hannah-whitcombe", ago: 690, members: true,
		tags: []string{"supervision", "wellbeing"},
		body: `<p>Supervisors are not therapists to their supervisees. But we are often the first to notice when a supervisee is not coping: sessions cancelled, case notes slipping, a flatness that was not there before. What should we do?</p>
<h2>Notice, and say so</h2>
<p>The hardest step is usually the first: saying out loud what you have noticed. I try to be specific and kind. "I've noticed you've cancelled three sessions this month, and you seem more tired than usual. How are things?" Most supervisees are relieved to be asked.</p>
<h2>Hold two concerns at once</h2>
<p>The supervisor's responsibility is to the supervisee <em>and</em> to their clients. Both matter. It is possible to be warm and supportive towards a colleague while also asking whether they are fit to practise this week. The contract helps here; see my earlier post on <a href="/posts/contracting-with-supervisees">contracting with supervisees</a>, which includes a heading for exactly this conversation.</p>
<h2>Options, not instructions</h2>
<p>Depending on what is happening, it may help to:</p>
<ul>
<li>reduce the caseload for a while, or pause new referrals;</li>
<li>increase the frequency of supervision temporarily;</li>
<li>seek personal therapy or medical support;</li>
<li>take a break from practice, with a plan for clients.</li>
</ul>
<p>Wherever possible these are decisions the supervisee makes, with support. Only rarely, when clients are at risk, does the supervisor need to insist.</p>
<h2>Look after yourself too</h2>
<p>These conversations are draining. Take them to your own supervision. And remember Oluwaseun's point in <a href="/posts/when-the-work-comes-home">his post on the work coming home</a>: we are all at risk of this, supervisors included.</p>`,
	},
	{
		slug: "consultation-response-talking-therapies-workforce-plan", title: "Consultation response: the talking therapies workforce plan",
		author: "kwame-mensah", ago: 675, members: true,
		tags: []string{"policy"},
		body: `<p>The Policy Committee has now submitted the Society's response to the consultation on the national workforce plan for talking therapies. This is a summary for members; the full response is in the members' area.</p>
<h2>What the plan proposes</h2>
<p>The plan sets out to expand the talking therapies workforce substantially over the next five years. It focuses on new training places for a small number of psychological professions, and says relatively little about the existing counselling workforce.</p>
<h2>What we said</h2>
<ol>
<li><strong>Use the workforce we already have.</strong> Thousands of trained, experienced counsellors, many of them our members, work outside the NHS or in insecure roles within it. A plan that trains new practitioners while ignoring existing ones is wasteful.</li>
<li><strong>Recognise a wider range of training.</strong> The plan's definitions would exclude many well-trained counsellors from NHS posts. We asked for a route to recognition based on training, supervised experience and membership of an accredited professional body.</li>
<li><strong>Fund placements properly.</strong> Trainee counsellors still often work unpaid on placement for hundreds of hours. That excludes people who cannot afford it, and undermines the diversity the plan says it wants.</li>
<li><strong>Remember the voluntary sector.</strong> Much of the most accessible counselling is delivered by charities on short-term grants. Their stability is part of the workforce question.</li>
</ol>
<h2>What members told us</h2>
<p>We received 212 responses to our member survey in three weeks, the largest response we have had to any consultation. The strongest theme, by some distance, was frustration about unpaid placements.</p>
<h2>Next steps</h2>
<p>We will meet officials in the next quarter and report back. If you have evidence about the cost of training or placements that we could use, please send it to the policy team.</p>`,
	},
	{
		slug: "schools-counselling-making-the-case", title: "Schools counselling: making the case to head teachers",
		author: "aoife-ni-bhriain", ago: 660,
		tags:   []string{"children-and-young-people", "policy"},
		blocks: []string{"links-find-counsellor"},
		body: `<p>Every spring, school budgets are set, and every spring counselling services in schools find out whether they will survive another year. I have sat across the table from many head teachers making that decision. Here is what I have learned about making the case.</p>
<h2>Speak their language</h2>
<p>Head teachers care deeply about their pupils' wellbeing, but they are judged on attendance, behaviour and results. Evidence that counselling helps with those things gets a hearing. I collect, with consent and anonymised:</p>
<ul>
<li>attendance before and after counselling for the young people I see;</li>
<li>the number of exclusions avoided where counselling was part of the plan;</li>
<li>short, anonymous feedback from young people and from staff.</li>
</ul>
<h2>Tell one story well</h2>
<p>Numbers matter, but a single, well-chosen, consented and disguised account of a young person who was helped often matters more. I keep it short: where they started, what we did, where they are now.</p>
<h2>Be honest about limits</h2>
<p>Counselling is not a fix for a school's behaviour policy, and I do not pretend it is. I say clearly what I can and cannot do, and I am clear that confidentiality means I will not report back on what individual young people tell me. Most heads respect that more than they respect overpromising.</p>
<h2>Make yourself part of the school</h2>
<p>The services that survive are the ones staff know and trust. I go to staff briefings, I run an occasional session for teachers on supporting anxious pupils, and I eat lunch in the staff room. As I wrote in <a href="/posts/young-people-who-do-not-want-to-be-in-the-room">my post on reluctant young people</a>, relationships are the work, and that is as true with adults as with teenagers.</p>`,
	},
	{
		slug: "couples-when-one-partner-wants-to-leave", title: "Working with couples when one partner wants to leave",
		author: "soren-odegaard", ago: 645,
		tags: []string{"couples-and-families"},
		body: `<p>One of the most common, and most difficult, situations in couples work is this: one partner has come hoping to save the relationship, and the other has come, consciously or not, to find a way out of it. Therapists sometimes call these "mixed-agenda" couples. In my experience they make up a large minority of couples who seek help.</p>
<h2>Finding out early</h2>
<p>I now ask both partners, separately and in the first or second session, a simple question: "On a scale from 'I'm committed to making this work' to 'I've already decided to leave', where are you?" Asking in front of the other partner rarely gets an honest answer.</p>
<h2>Changing the goal</h2>
<p>If one partner is leaning out, conventional couples therapy aimed at improving the relationship is unlikely to help, and may feel like pressure. Instead, I offer a short piece of work, usually four to six sessions, with a different goal: helping both partners get clear about what they want, and why. Sometimes that clarity leads back into the relationship. Sometimes it leads to a better separation.</p>
<h2>Not taking sides</h2>
<p>The temptation is to side with the partner who wants to stay, because their wish fits what we think therapy is for. But the leaning-out partner has often been unhappy for a long time and has struggled to say so. Both deserve to be heard.</p>
<h2>A good ending is a good outcome</h2>
<p>When this came up in a workshop in the <a href="/posts/conference-report-the-systemic-stream">conference's systemic stream</a>, someone asked whether a couple separating counts as a therapy failure. I do not think it does. Two people ending a relationship with understanding, and without destroying each other or their children, is a real achievement.</p>`,
	},
	{
		slug: "book-review-the-body-remembers-rain", title: "Book review: The Body Remembers Rain by Tamsin Orr",
		author: "dev-chaudhry", ago: 630,
		tags: []string{"book-review", "trauma"},
		body: `<p><em>The Body Remembers Rain: Trauma, Memory and the Slow Work of Recovery</em> by Tamsin Orr (Kestrel House, 352 pages)</p>
<p>There is no shortage of books about trauma, and many of them promise more than they deliver. Tamsin Orr, a clinical psychologist who has spent most of her career in a specialist trauma service, promises relatively little, which is one of the reasons I trust her.</p>
<h2>What the book does</h2>
<p>Orr sets out what is reasonably well established about how traumatic experiences affect memory, the body and relationships, and distinguishes it, carefully and repeatedly, from what is speculative. She then describes her own phased approach to therapy, with long sections on stabilisation and on the therapeutic relationship, and comparatively short ones on technique.</p>
<h2>The good</h2>
<ul>
<li>Unusual honesty about uncertainty. Orr is clear about where the evidence is strong, where it is weak, and where clinicians disagree.</li>
<li>Excellent case material, including cases that did not go well.</li>
<li>A chapter on the impact of this work on therapists that every trauma practitioner should read.</li>
</ul>
<h2>The less good</h2>
<p>The book is long, and the middle third, on neurobiology, is heavy going for a general reader. Orr also writes mainly about single-incident and adult-onset trauma; readers working with complex developmental trauma will want something else alongside it.</p>
<h2>Verdict</h2>
<p>A sober, humane book. If you are new to trauma work, this is a better starting point than most of the bestsellers, and it will make you a more careful practitioner. If you are experienced, skip to part three.</p>`,
	},
	{
		slug: "when-words-run-out-image-making-with-adults", title: "When words run out: image-making with adults",
		author: "chloe-lefevre", ago: 615,
		tags: []string{"creative-therapies", "trauma"},
		body: `<p>After my <a href="/posts/art-materials-in-a-counselling-room">starter kit post</a>, several counsellors asked about using art with adults who have experienced trauma. This is a more cautious post, because this is where art-making can be most powerful and most risky.</p>
<h2>Why image-making can help</h2>
<p>People who have lived through trauma often describe experiences they cannot put into words, or that arrive as images, sensations and fragments rather than as a story. Making an image can give shape to something that has had none. It can also create distance: the feeling is on the paper, not only inside.</p>
<h2>Why it needs care</h2>
<p>That same power can overwhelm. An image can bring a memory flooding back faster than the client can manage. In my own practice, I follow a few principles:</p>
<ul>
<li><strong>Safety first.</strong> Early sessions focus on images of safety, resources and the present: a safe place, a helpful object, today's weather inside.</li>
<li><strong>Containment.</strong> Boundaries on the page (a frame drawn around the edge, a small sheet of paper) can help contain difficult material.</li>
<li><strong>Client control.</strong> The client decides what to make, when to stop, and what happens to the image.</li>
<li><strong>Ending well.</strong> I leave time at the end of each session to return to the present, sometimes with a simple grounding drawing.</li>
</ul>
<h2>A composite example</h2>
<p>A woman who had been in a serious car accident spent several sessions drawing the same road, again and again, each time adding something: a tree, a house, a figure standing safely at the side. She rarely talked about the accident directly. By the end, she said, the road "went somewhere" again.</p>
<p>If you are not trained in this work, use it gently and take it to supervision. The image will wait.</p>`,
	},
	{
		slug: "burnout-is-not-a-personal-failing", title: "Burnout is not a personal failing",
		author: "oluwaseun-adeyemi", ago: 600,
		tags: []string{"wellbeing"},
		body: `<p>When I wrote about <a href="/posts/when-the-work-comes-home">the work coming home</a>, I got more messages than about anything else I have written. Many were from members describing something more serious than a bad day: exhaustion, cynicism, a sense that nothing they did made any difference. In other words, burnout.</p>
<h2>The individual story and the system story</h2>
<p>Most advice about burnout is addressed to the individual: sleep more, exercise, set boundaries, practise self-compassion. All good advice. But it carries a hidden message, that burnout is a failure of personal management. In my NHS service, colleagues burned out because caseloads were too high, waiting lists were too long and there was too little time to think. No amount of yoga fixes that.</p>
<h2>What individuals can do</h2>
<ul>
<li>Notice the early signs: dreading particular clients, feeling numb in sessions, taking shortcuts you would once have criticised.</li>
<li>Name it in supervision, early.</li>
<li>Protect the things that restore you, even when they feel like a luxury.</li>
</ul>
<h2>What organisations and the Society can do</h2>
<ul>
<li>Set and respect safe caseload limits.</li>
<li>Build reflective time into the working week, not around it.</li>
<li>Treat practitioner wellbeing as a quality and safety issue, as the <a href="/posts/revised-code-of-ethics-what-has-changed">revised Code of Ethics</a> now does.</li>
</ul>
<p>The CPD working group will be running a session on this at the next conference. Burnout is common in our profession. It should not be shameful, and it should not be something each of us faces alone.</p>`,
	},
	{
		slug: "supporting-bereaved-children-notes-for-parents", title: "Supporting bereaved children: notes for parents and carers",
		author: "fatima-al-hassan", ago: 585,
		tags:   []string{"bereavement", "children-and-young-people"},
		blocks: []string{"links-find-counsellor"},
		body: `<p>This post is written for parents and carers rather than for counsellors, and members are welcome to share it. It draws on my work at the hospice, where we often support families before and after a death.</p>
<h2>Tell them the truth, simply</h2>
<p>Children cope better with honest information than with mystery. Use the real words: "died" and "dead", not "lost" or "gone to sleep", which can be confusing or frightening for young children. Give as much detail as they ask for, and no more.</p>
<h2>Expect grief to come and go</h2>
<p>Children often grieve in short bursts. A child may cry for ten minutes and then ask to go and play. This is normal, and it does not mean they did not love the person. Some adults call it "puddle-jumping": children step in and out of grief in a way adults often cannot.</p>
<h2>Let them be involved</h2>
<ul>
<li>Offer, without pressure, the chance to attend the funeral, and explain beforehand what will happen.</li>
<li>Let them help choose a song, draw a picture or place something in the coffin.</li>
<li>Keep talking about the person who died. Children often worry that they will forget.</li>
</ul>
<h2>Look after yourself</h2>
<p>Children take their cue from the adults around them. That does not mean hiding your own grief. It is good for children to see that adults feel sad too, and get through it.</p>
<h2>When to seek help</h2>
<p>Most bereaved children do not need counselling. But if, after some months, a child is persistently withdrawn, anxious, angry or struggling at school, it is worth talking to your GP, your school or a specialist children's bereavement service. The links on this page may help you find one.</p>`,
	},
	{
		slug: "starting-my-counselling-diploma-at-forty-two", title: "Starting a counselling diploma at forty-two",
		author: "zoe-angstrom", ago: 570,
		tags:   []string{"students"},
		blocks: []string{"links-students", "cta-donate"},
		body: `<p>Three weeks ago I walked into a classroom at Millbridge College for the first time in twenty-four years. I was the oldest person in the room by some distance, apart from the tutor, and I was more nervous than I had been at any job interview.</p>
<h2>Why now?</h2>
<p>I spent twenty years in publishing, most of them editing other people's memoirs. I came to realise that the parts of the job I loved were the conversations with authors about their lives, and the parts I disliked were everything else. A friend who is a counsellor suggested I try an introductory course. I did, and then a certificate, and here I am.</p>
<h2>What has surprised me</h2>
<ul>
<li><strong>How personal it is.</strong> I knew there would be personal development work. I did not realise how much of the course would be about me, my history and my reactions, rather than about theory.</li>
<li><strong>How much I do not know.</strong> I thought I was a good listener. Skills practice has shown me how often I interrupt, reassure and fix.</li>
<li><strong>The cost.</strong> Course fees, supervision, personal therapy, student membership and travel add up to a great deal, on top of a much-reduced income.</li>
</ul>
<h2>What has helped</h2>
<p>My cohort. We are eleven people of wildly different ages and backgrounds, and we have already formed a group chat of remarkable supportiveness. And the Society's student resources, which I found through this blog. The Trainee Bursary Fund has helped two people in my cohort with the cost of personal therapy, and I know both of them would not have been able to stay on the course without it.</p>
<p>I will write again when I start my placement. I am told that is when it gets real.</p>`,
	},
	{
		slug: "research-summary-does-training-predict-outcomes", title: "Research summary: does more training mean better outcomes?",
		author: "lucja-wisniewska", ago: 555,
		tags: []string{"research", "cpd"},
		body: `<p>It is an uncomfortable question for a profession that invests so heavily in training: do more highly trained or more experienced therapists get better results? The research answer is, at best, "not as much as you might expect". This summary looks at a large study that tried to find out why.</p>
<h2>The study</h2>
<p>Researchers analysed routinely collected outcome data for several thousand clients seen by more than a hundred therapists in a network of counselling services, over several years. They looked at whether therapists' outcomes were related to their qualifications, their years of experience, or how much CPD they did.</p>
<h2>What they found</h2>
<ul>
<li>Some therapists consistently got better results than others, even after allowing for differences in their clients. The differences were modest but real.</li>
<li>Neither the level of qualification nor years of experience explained those differences.</li>
<li>On average, therapists' outcomes did not improve with experience over the years studied; a minority improved, and a minority declined.</li>
<li>The amount of CPD, measured in hours, was unrelated to outcomes.</li>
</ul>
<h2>Before you cancel your CPD</h2>
<p>This does not mean training is useless. Basic training is probably what gets practitioners into the range where these comparisons are possible at all. And hours of CPD are a crude measure: what matters may be the kind of CPD, not the quantity.</p>
<h2>What might matter instead</h2>
<p>The authors point to other research suggesting that therapists who improve tend to seek out feedback, reflect on their failures and deliberately practise difficult skills. That chimes with Oluwaseun's argument in <a href="/posts/cpd-that-counts">CPD that counts</a>, and with our own earlier study of <a href="/posts/research-summary-routine-outcome-measures">outcome measures in private practice</a>: the point is not to collect hours or scores, but to use them.</p>`,
	},
	{
		slug: "conference-highlights-in-numbers", title: "Annual conference: highlights in numbers",
		author: "priya-raman", ago: 525,
		tags:   []string{"conference", "society-news"},
		blocks: []string{"contact-events"},
		body: `<p>Thank you to everyone who came to this year's annual conference at the Northfield Corn Exchange, and to everyone who filled in the feedback form. Members will be writing about individual sessions over the coming weeks. In the meantime, here are the highlights in numbers.</p>
<table>
<thead><tr><th></th><th>This year</th><th>Last year</th></tr></thead>
<tbody>
<tr><td>Delegates</td><td>341</td><td>312</td></tr>
<tr><td>Student and trainee delegates</td><td>58</td><td>37</td></tr>
<tr><td>Bursary places awarded</td><td>24</td><td>12</td></tr>
<tr><td>Workshops</td><td>22</td><td>18</td></tr>
<tr><td>Members presenting for the first time</td><td>9</td><td>4</td></tr>
<tr><td>Feedback forms returned</td><td>187</td><td>140</td></tr>
<tr><td>Delegates rating the conference good or excellent</td><td>91%</td><td>86%</td></tr>
<tr><td>Cups of tea (estimated by the venue)</td><td>2,100</td><td>1,750</td></tr>
</tbody>
</table>
<h2>What you told us</h2>
<p>The keynote on power in the therapy relationship was the most highly rated session. The most common suggestion for next year was more time between sessions to talk. The most common complaint, by some distance, was the temperature in workshop room 3. We have passed that on.</p>
<h2>The bursaries</h2>
<p>The doubling of bursary places was made possible by donations to the Trainee Bursary Fund. Several recipients wrote to say they could not otherwise have attended. Thank you to everyone who gave.</p>
<h2>Next year</h2>
<p>Dates and the call for workshop proposals will be announced in the new year. If you would like to be involved in organising, the events team would love to hear from you.</p>`,
	},
	{
		slug: "keynote-notes-power-in-the-therapy-relationship", title: "Keynote notes: power in the therapy relationship",
		author: "christian-billington", ago: 510,
		tags: []string{"conference", "ethics", "diversity-and-inclusion"},
		body: `<p>As Priya's <a href="/posts/conference-highlights-in-numbers">conference round-up</a> noted, the keynote on power in the therapy relationship was the best-rated session of this year's conference. Several members who could not attend asked me for notes. These are mine, not the speaker's, and any errors are my own.</p>
<h2>The argument</h2>
<p>The speaker, Dr Helena Achebe, began by asking the room to raise a hand if we thought of ourselves as powerful in our work. Very few hands went up. She then listed some of the things therapists typically control: the time, the place, the fee, the ending, what is written down, and what counts as progress. By the end of the list, the room was quiet.</p>
<blockquote><p>"We experience ourselves as humble helpers. Our clients often experience us as gatekeepers. Both can be true."</p></blockquote>
<h2>Three kinds of power</h2>
<p>Dr Achebe distinguished between:</p>
<ol>
<li><strong>Role power</strong>: the authority that comes with being the professional in the room, however we try to minimise it.</li>
<li><strong>Social power</strong>: the advantages or disadvantages each person brings from outside, including class, race, gender, disability, education and immigration status.</li>
<li><strong>Interpretive power</strong>: the power to name what is going on, to decide what a client's behaviour "means".</li>
</ol>
<p>The third was the one that stayed with me. Every interpretation we offer is an act of power. That does not make interpretations wrong, but it means they should be offered as possibilities, and withdrawn gracefully when they do not fit.</p>
<h2>What to do about it</h2>
<p>She was clear that pretending power does not exist is worse than acknowledging it. Her suggestions were practical:</p>
<ul>
<li>Name the power differences you can see, early, and invite the client to name ones you cannot.</li>
<li>Share decisions about the frame where you can: timing, frequency, when to end.</li>
<li>Ask for feedback routinely, and make it safe to give.</li>
<li>Notice whose interpretations prevail in the room, and why.</li>
</ul>
<h2>My reflections</h2>
<p>As chair of the Ethics Committee, I was struck by how many of the complaints we see are, at root, about power used carelessly rather than maliciously. The keynote has given us a language for that, and I expect it will shape the committee's thinking for some time.</p>`,
	},
	{
		slug: "conference-workshop-shame-in-east-asian-families", title: "Conference workshop: working with shame in East Asian families",
		author: "mei-ling-tsang", ago: 495,
		tags: []string{"conference", "diversity-and-inclusion", "couples-and-families"},
		body: `<p>I ran a workshop at this year's conference on working with shame with clients from East Asian families, and I promised participants a written summary. Here it is, with the caveat I gave at the start: "East Asian" covers a huge range of cultures, histories and families, and everything below is a starting point for curiosity, not a description of anyone.</p>
<h2>Why shame?</h2>
<p>Many of the East Asian clients I see, whether born abroad or raised here, describe shame as more central to their difficulties than guilt or anxiety. Often it is shame experienced on behalf of the family, or shame at having "failed" the family's hopes. Seeking therapy itself can be a source of shame.</p>
<h2>What we explored</h2>
<ul>
<li><strong>Face and family.</strong> How concern for the family's standing can make disclosure feel like betrayal, and how to respect that while still making room for the client's own experience.</li>
<li><strong>Indirect communication.</strong> Clients may express distress through physical symptoms, stories about others, or silence. Pushing for direct emotional language can increase shame.</li>
<li><strong>Intergenerational experience.</strong> Parents' histories of migration, poverty or political upheaval often shape what can and cannot be spoken about.</li>
</ul>
<h2>The exercise</h2>
<p>Participants worked in threes on a short case vignette, taking turns as client, counsellor and observer. The observers noticed how quickly counsellors moved to reassure ("You have nothing to be ashamed of"), and how that shut the conversation down rather than opening it.</p>
<h2>Taking it further</h2>
<p>As I argued in <a href="/posts/cultural-humility-is-a-practice">my earlier post on cultural humility</a>, none of this is a checklist. The most useful thing I can offer is a question: "How would your family see you coming here?" The answer usually tells us where to start.</p>`,
	},
	{
		slug: "genograms-for-beginners", title: "Genograms for beginners",
		author: "soren-odegaard", ago: 480,
		tags: []string{"couples-and-families", "practice-notes"},
		body: `<p>At the conference last year I <a href="/posts/conference-report-the-systemic-stream">promised a beginner's guide to genograms</a>. It has taken me a while, but here it is.</p>
<h2>What a genogram is</h2>
<p>A genogram is a family tree that records relationships and patterns as well as names and dates. It is usually drawn with the client, over one or several sessions, covering at least three generations. Its value lies as much in the conversation it prompts as in the finished drawing.</p>
<h2>The basic symbols</h2>
<table>
<thead><tr><th>Symbol</th><th>Meaning</th></tr></thead>
<tbody>
<tr><td>Square</td><td>Male</td></tr>
<tr><td>Circle</td><td>Female</td></tr>
<tr><td>Diamond or other agreed shape</td><td>Non-binary, or gender not known; ask the client what they prefer</td></tr>
<tr><td>Cross inside the shape</td><td>Died</td></tr>
<tr><td>Horizontal line between two people</td><td>Marriage or partnership</td></tr>
<tr><td>Line with one or two slashes</td><td>Separation or divorce</td></tr>
<tr><td>Vertical lines down from a partnership</td><td>Children, oldest on the left</td></tr>
<tr><td>Double or zig-zag line between two people</td><td>Very close, or conflictual, relationship</td></tr>
</tbody>
</table>
<p>Conventions vary. What matters is that you and the client agree what each mark means.</p>
<h2>How I use it</h2>
<ol>
<li>Start with the client and the people they live with now.</li>
<li>Work outwards and backwards: parents, siblings, grandparents.</li>
<li>Add events: migrations, illnesses, deaths, separations, and the dates they happened.</li>
<li>Ask about patterns. "Who else in the family had to leave home young?" "Who was the one everyone turned to?"</li>
</ol>
<h2>Cautions</h2>
<p>Genograms can surface painful material quickly, especially around deaths, estrangements and secrets. Go at the client's pace. Be careful about making assumptions about what a "family" is: chosen family, step-relatives and friends can be at least as important as biological relatives. And ask before you keep the drawing; it contains a great deal of personal information about people who have not consented to therapy.</p>`,
	},
	{
		slug: "eastbrook-group-a-year-of-peer-supervision", title: "Eastbrook group: a year of peer supervision",
		author: "jose-nunez", ago: 465,
		tags:   []string{"regional-groups", "supervision"},
		blocks: []string{"contact-eastbrook"},
		body: `<p>A year ago we <a href="/posts/eastbrook-peer-supervision-circle-launches">launched the Eastbrook peer supervision circle</a>. Twelve months and twenty-four meetings later, it is time to take stock.</p>
<h2>By the numbers</h2>
<ul>
<li>Three groups now, up from two, with fifteen members between them.</li>
<li>Average attendance of just over four per meeting, per group.</li>
<li>One member left on moving away; two joined from the waiting list.</li>
</ul>
<h2>What members say</h2>
<p>We asked everyone involved for anonymous feedback. The most common themes were:</p>
<blockquote><p>"It's the only place I talk about my work with people who do the same thing."</p></blockquote>
<blockquote><p>"I bring things here that I'd feel embarrassed to take to my paid supervisor, and then I take them to her afterwards."</p></blockquote>
<p>Less positively, a few members felt that discussions sometimes drifted into general chat, and one group had a period where the same two people presented every month. We have tightened up the bidding step in the structure to address that.</p>
<h2>Lessons for other regions</h2>
<ol>
<li>Write the agreement down, and revisit it after three months.</li>
<li>Keep groups small. Five is plenty.</li>
<li>Meet in person if you can. Our one online group has found it harder to build trust.</li>
<li>Rotate the facilitator role, and make sure newer members take their turn.</li>
</ol>
<p>Two other regional groups have asked about setting up something similar. I am very happy to share our agreement and talk through how we did it.</p>`,
	},
	{
		slug: "trauma-informed-is-not-a-buzzword", title: "Trauma-informed is not a buzzword",
		author: "ingrid-saether", ago: 445,
		tags: []string{"trauma"},
		body: `<p>"Trauma-informed" has become one of those phrases that appears everywhere: in job adverts, school policies, service specifications. I worry that, as it spreads, it is losing its meaning. So here is what it means to me, as someone who works with trauma survivors every day.</p>
<h2>What it is not</h2>
<p>Being trauma-informed is not the same as offering trauma therapy. It is not a training course you attend once. And it is not a label you can put on a service that otherwise carries on exactly as before.</p>
<h2>What it is</h2>
<p>At its core, a trauma-informed approach asks a service, or a practitioner, to assume that anyone they meet may have experienced trauma, and to organise what they do so that it does not re-traumatise them. In practice that means paying attention to:</p>
<ul>
<li><strong>Safety</strong>, physical and emotional: predictable appointments, clear information, no surprises.</li>
<li><strong>Choice</strong>: where people sit, what they talk about, when they stop.</li>
<li><strong>Collaboration</strong>: doing things with people, not to them.</li>
<li><strong>Trust</strong>: being honest about what we can and cannot do.</li>
<li><strong>Empowerment</strong>: recognising people's strengths and survival, not only their symptoms.</li>
</ul>
<h2>A small example</h2>
<p>In my service, we used to send appointment letters that began with a warning about missed appointments. For people whose experience of authority has been threatening, that is a poor start. We rewrote the letter to begin with who we are and what will happen at the first appointment. Attendance at first appointments went up.</p>
<p>Small things, done consistently, are what make the phrase mean something.</p>`,
	},
	{
		slug: "what-my-first-client-taught-me", title: "What my first client taught me",
		author: "zoe-angstrom", ago: 435,
		tags:   []string{"students"},
		blocks: []string{"links-students"},
		body: `<p>When I wrote about <a href="/posts/starting-my-counselling-diploma-at-forty-two">starting my diploma</a>, I promised to write again when my placement began. I have now seen my first client six times, and I have learned more in those six hours than in the preceding year.</p>
<p>Everything here is disguised, and shared with my supervisor's agreement. My client is not identifiable, and would, I think, be amused to be written about.</p>
<h2>I talked too much</h2>
<p>In the first session I was so anxious to be helpful that I barely let her finish a sentence. My supervisor listened to my account and asked one question: "What did she come to say?" I did not know. In the second session I said about half as much, and found out.</p>
<h2>She knew more than I did</h2>
<p>About her life, obviously. But also about what she needed. When I suggested, tentatively, that we might explore her relationship with her father, she said, "Not yet." She was right. We got there in session five, when she was ready.</p>
<h2>The silences were hers</h2>
<p>I used to fill silences out of nervousness. I am learning that a silence often means the client is thinking, or feeling, or deciding whether to say something difficult. Interrupting it takes that away from them.</p>
<h2>I was more tired than I expected</h2>
<p>One fifty-minute session left me exhausted. My cohort reassure me this is normal, and that it gets easier. My personal therapist suggested it might also be worth noticing.</p>`,
	},
	{
		slug: "private-practice-admin-tools-i-actually-use", title: "Private practice admin: the tools I actually use",
		author: "bjorn-muller", ago: 420,
		tags: []string{"practice-notes", "online-therapy"},
		body: `<p>My post on <a href="/posts/fees-sliding-scales-and-avoided-conversations">fees and sliding scales</a> led to a lot of questions about the admin side of private practice. As a former accountant I am happy to talk about this for hours, but I will try to keep it short.</p>
<h2>The principle</h2>
<p>Use as few tools as possible, and make sure each one that touches client information is secure, has a proper data processing agreement, and stores data somewhere you are allowed to store it.</p>
<h2>What I use</h2>
<table>
<thead><tr><th>Task</th><th>What I use</th><th>Notes</th></tr></thead>
<tbody>
<tr><td>Appointments</td><td>A practice management service built for therapists</td><td>Clients get reminders; I get fewer missed sessions</td></tr>
<tr><td>Notes</td><td>The same service, with notes encrypted</td><td>Nothing on paper, nothing in general-purpose cloud folders</td></tr>
<tr><td>Invoices and payments</td><td>The same service, linked to a business bank account</td><td>Keep business and personal money separate</td></tr>
<tr><td>Bookkeeping</td><td>A simple spreadsheet, reconciled monthly</td><td>Your accountant will thank you</td></tr>
<tr><td>Email</td><td>A separate, encrypted email account for the practice</td><td>Never discuss clinical material by email if you can avoid it</td></tr>
</tbody>
</table>
<h2>The things people forget</h2>
<ul>
<li>Putting money aside for tax every month, not once a year.</li>
<li>Registering as a data controller, where the law requires it.</li>
<li>A clinical will that tells someone how to access all of the above.</li>
<li>Reviewing subscriptions annually. Small monthly fees add up.</li>
</ul>
<p>None of this is glamorous. All of it protects your clients, and you.</p>`,
	},
	{
		slug: "working-bilingually-when-the-client-switches-language", title: "Working bilingually: when the client switches language",
		author: "marisol-de-la-cruz", ago: 405,
		tags: []string{"diversity-and-inclusion", "practice-notes"},
		body: `<p>I work with clients in English and in Spanish, and with many who move between the two. One of the things I find most fascinating in this work is what happens when a client switches language mid-session.</p>
<h2>Why clients switch</h2>
<p>Sometimes it is simple: a word or phrase that does not translate well. But often it means something more. In my experience, clients switch:</p>
<ul>
<li>into their first language when talking about childhood, family or strong emotion;</li>
<li>into their second language when they need distance from something painful;</li>
<li>when quoting someone, especially a parent;</li>
<li>when they are angry, or when they are tender.</li>
</ul>
<h2>What I do</h2>
<p>Mostly, I follow. If a client moves into Spanish, I answer in Spanish, unless there is a reason not to. Occasionally I notice the switch aloud: "You moved into Spanish just then, when you started talking about your grandmother." Clients often find this illuminating.</p>
<h2>Working through a language that isn't your own</h2>
<p>Many of my English-speaking colleagues see clients for whom English is a second or third language. Kwame's post on <a href="/posts/working-with-interpreters-in-the-therapy-room">working with interpreters</a> is excellent on three-way work. But even without an interpreter, it is worth asking clients which language they think in, dream in, argue in, and whether there are things they might find easier to say in another language. You may not understand the words, but the client will hear themselves say them.</p>
<h2>For bilingual practitioners</h2>
<p>Notice your own switches too. I am warmer in Spanish and more precise in English, and clients pick up on both.</p>`,
	},
	{
		slug: "online-safety-planning-with-clients-at-risk", title: "Online safety planning with clients at risk",
		author: "nikhil-iyer", ago: 390, members: true,
		tags:   []string{"online-therapy", "ethics"},
		blocks: []string{"contact-ethics"},
		body: `<p>In my post on <a href="/posts/text-based-therapy-a-first-year">my first year of text-based therapy</a>, I mentioned the need for a risk protocol. Several members asked for more detail. This post describes what I do; it is one practitioner's approach, not Society guidance, and it should be adapted to your setting and discussed in supervision.</p>
<h2>At assessment</h2>
<ul>
<li>Take the client's full address and a phone number, and explain why: if I believe they are at immediate risk, I need to be able to send help.</li>
<li>Ask for the name and number of their GP, and, optionally, a trusted person I may contact in an emergency.</li>
<li>Ask directly about current and past suicidal thoughts and self-harm.</li>
<li>Agree whether online work is appropriate at all. For some clients at high risk, it is not, and I refer on.</li>
</ul>
<h2>At the start of every session</h2>
<p>I confirm where the client is. If they are somewhere other than the address I hold, I note it. It takes ten seconds and has mattered twice.</p>
<h2>Building a safety plan together</h2>
<p>With clients who experience suicidal thoughts, we write a safety plan early on, and keep it somewhere they can find it quickly. It usually covers warning signs, things that help, people to contact, professional and crisis services, and how to make their environment safer.</p>
<h2>If a client disconnects during a crisis</h2>
<p>We agree in advance what I will do: try to reconnect, then call, then, if I cannot reach them and I believe they are at immediate risk, contact emergency services at the location they gave. Agreeing this in advance makes it less likely to feel like a betrayal if it happens.</p>
<h2>Afterwards</h2>
<p>Record everything. Take it to supervision the same day if you can. And use the ethics helpline if you are unsure whether what you did was right.</p>`,
	},
	{
		slug: "creative-methods-in-supervision", title: "Creative methods in supervision",
		author: "hannah-whitcombe", ago: 375,
		tags: []string{"supervision", "creative-therapies"},
		body: `<p>Reading Chloé Lefèvre's posts on <a href="/posts/art-materials-in-a-counselling-room">art materials in the counselling room</a> and <a href="/posts/when-words-run-out-image-making-with-adults">image-making with adults</a>, I realised how rarely I use creative methods in supervision, despite knowing how much they can open up. So for the last few months I have been experimenting. Here is what I have tried.</p>
<h2>Objects on a table</h2>
<p>I keep a box of buttons, stones and small figures. I ask the supervisee to choose one for themselves and one for the client, and place them on the table in relation to each other. Then we look. Is the client's object far away? Hidden? Bigger than the counsellor's? One supervisee put her client's stone on top of her own, then laughed and said, "Well, that's the problem, isn't it?"</p>
<h2>Drawing the session</h2>
<p>Rather than describing a difficult session, the supervisee draws it, however roughly, in five minutes. Shapes and colours are fine. We then talk about the drawing. This works especially well when a supervisee feels stuck and cannot say why.</p>
<h2>Speaking as the client</h2>
<p>The supervisee sits in a different chair and speaks as the client for a few minutes, while I ask questions. It can feel awkward, but it often reveals how much the counsellor knows about the client's experience without having put it into words.</p>
<h2>Cautions</h2>
<ul>
<li>Always offer, never impose. Some supervisees hate these methods.</li>
<li>Keep the focus on the work, not on the supervisee's personal material.</li>
<li>Be careful with confidentiality: drawings and notes are client-related material too.</li>
</ul>`,
	},
}
