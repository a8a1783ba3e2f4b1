"""Each recognizer, through the whole engine, with positive and negative cases.

Each case: (text, the exact span that must be found with its entity) or (text, span that must
NOT be covered by any finding). All names and numbers are invented.
"""

from __future__ import annotations

import pytest


def findings_of(detector, text):
    return [(text[f.start:f.end], f.entity) for f in detector.analyze(text, use_cache=False).findings]


def covers(detector, text, needle, whole=False):
    """Entities of the findings overlapping `needle` (with whole=True: containing all of it)."""
    start = text.index(needle)
    end = start + len(needle)
    return [f.entity for f in detector.analyze(text, use_cache=False).findings
            if ((f.start <= start and end <= f.end) if whole else (f.start < end and start < f.end))]


FOUND = [
    ("Pepperell (yes, that is her real name), 59, came to urgent care with burns on both hands", "59", "AGE"),
    ("Name: Saraswati Pillai-Nair   Age/Sex: 61/F\nDiagnosis: dengue", "61", "AGE"),
    ("Meet my patient Savanna Pettifer of Lamoille. At 36 she'd been in and out of our ED eleven times", "36", "AGE"),
    ("My patient's wife is 87, drove herself 40 minutes in the dark to see him", "87", "AGE"),
    ("84yo from Little Sorrel came in overnight with a core temp of 29.8", "overnight", "RELATIVE_DATE"),
    ("Stopped by after clinic to see my patient Mr. Ebbeson, our mail carrier for 30 years", "mail carrier", "OCCUPATION"),
    ("Referral for my patient:\nAadhaar: 5551 2094 8736\nAddress: No. 12, 4th Cross, Hebbagodi, Bengaluru 560099", "5551 2094 8736", "ID_NUMBER"),
    ("Referral for my patient:\nAadhaar: 5551 2094 8736\nAddress: No. 12, 4th Cross, Hebbagodi, Bengaluru 560099", "No. 12, 4th Cross", "ADDRESS"),
    ("2WW referral for my patient: 31 Rowan Close, Walthamstow, E17 4QS, tel 07700 900812", "E17 4QS", "ZIP"),
    ("my patient is 88. Her building in Canarsie, 11236, has had no working lift since March", "11236", "ZIP"),
    ("my patient's daughter sent \"verify MBI and last 4 SSN 4471 before DC\"", "4471", "SSN"),
    ("Spoke w/ daughter Aoibhinn (555-0172) re: goals of care, pt remains full code", "555-0172", "PHONE"),
    ("the coordinator read me the donor's UNOS ID (KRTX552) in a hallway full of families", "KRTX552", "ID_NUMBER"),
    ("Auth ref: PA-25-0091177 for my patient's knee MRI, still pending", "PA-25-0091177", "ID_NUMBER"),
    ("my patient, a nurse, asked me to write to her manager quoting her NMC PIN 21J4478C", "21J4478C", "LICENSE_NUMBER"),
    ("PATIENT WANDERED OFF THE WARD. Last seen on Hagley Park Road, 78M, please call", "Hagley Park Road", "ADDRESS"),
    ("Whoever is covering 6 North tonight: Mr. KOVACIC-ERDEM in 418 keeps asking for the tall doctor", "KOVACIC-ERDEM", "PERSON"),
    ("my patient's daughter sent this at midnight:\n[12/02/2025, 23:51] Oyinkansola: Good evening doctor, Mummy BP is 190/110", "Oyinkansola", "PERSON"),
    ("her first clean screen after 9 months in our clinic. best voicemail i've ever gotten. proud of you tiruwork", "tiruwork", "PERSON"),
    ("patient asked me to email her the discharge summary at her gmail. love you lesieli but no", "lesieli", "PERSON"),
    ("oluwadara, my favorite 4yo patient, told me my stethoscope is a snake", "oluwadara", "PERSON"),
    ("pump keeps alarming at school. Serial on the pump is QX7T-448120, if the vendor lurks here", "QX7T-448120", "DEVICE_ID"),
    ("my patient's Dexcom transmitter is 9RW3KP and it keeps dropping", "9RW3KP", "DEVICE_ID"),
    ("her hearing aids keep vanishing. Serial numbers are L4K-22019358 and R4K-22019359", "R4K-22019359", "DEVICE_ID"),
    ("She crossed an ocean at 19. At 102, she still comes to her appointments in heels.", "102", "AGE_OVER_89"),
    ("107 candles is officially a fire code violation. Happy birthday to my favourite patient!", "107", "AGE_OVER_89"),
    ("the daughter of the gentleman in 517 wants a call before noon", "517", "ROOM"),
    ("ma'am he's 24 and currently in OR 4 getting his spleen out", "OR 4", "ROOM"),
    ("Our bed board tonight:\n1 – Pyeon 71M septic shock\n2 – empty\n3 – Haraldsrud 84F ARDS", "Haraldsrud", "PERSON"),
    ("Our bed board tonight:\n1 – Pyeon 71M septic shock\n2 – empty\n3 – Haraldsrud 84F ARDS", "3", "ROOM"),
    ("Roast my sign-out:\n- 612 Ashcombe-Tyrrell – COPD ex, BiPAP overnight", "Ashcombe-Tyrrell", "PERSON"),
    ("two pts on the floor with the same surname, DOBs 11 April 1947 and 11 April 1946", "11 April 1947", "DATE"),
    ("congrats to the new parents on their arrival (born 2026-02-09, 8 lb 1 oz)", "2026-02-09", "DATE"),
    ("Our patient had his Fontan in March and is doing great. Parents Lisbet and Chinonso brought cupcakes to clinic.", "Lisbet", "PERSON"),
    ("Our patient had his Fontan in March and is doing great. Parents Lisbet and Chinonso brought cupcakes to clinic.", "Chinonso", "PERSON"),
    ("No more NG tube for our patient! Mama Bogusłava brought pierogi for the whole team.", "Bogusłava", "PERSON"),
    ("Born at 25+3, 680 grams, now 2.4 kg. Ifeyinwa and Dotunde, you two are the bravest parents I have cared for.", "Ifeyinwa", "PERSON"),
    ("small win for my patient: Rawanda-Lee finally left the burn ICU yesterday", "Rawanda-Lee", "PERSON"),
    ("Pasted by mistake: pt Zaid Qutaishen, DL WA QUTAIZ*482LK, insurance Premera 7741-0092-118", "QUTAIZ*482LK", "LICENSE_NUMBER"),
    ("Pasted by mistake: pt Zaid Qutaishen, DL WA QUTAIZ*482LK, insurance Premera 7741-0092-118", "7741-0092-118", "HEALTH_PLAN_ID"),
    ("State wants the licence number on the medical form, D418-0922-7731, for my 16M patient", "D418-0922-7731", "LICENSE_NUMBER"),
    ("found our confused patient's pickup in the deck by plate (8JRT417) at 2am", "8JRT417", "VEHICLE_ID"),
    ("the patient's acct no (44817-2030-55) is in the replies", "44817-2030-55", "ACCOUNT_NUMBER"),
    ("the snowmobiler from the Lockwood Pass avalanche (28M) is neuro intact", "Lockwood Pass avalanche", "EVENT"),
    ("three GSWs from the Hwy 2 road rage shooting tonight; pt 45M is stable", "Hwy 2 road rage shooting", "EVENT"),
    ("Mrs. Adaeze Nwachukwo got to the burn unit at Harborview by Tuesday morning.", "burn unit", "DEPARTMENT"),
    ("mr Quispe was the toughest 81yo. walked out of 5 South after 3 weeks on the vent.", "5 South", "DEPARTMENT"),
    ('Found in a scrub pocket: "Ruvimbo Chiwengane SSN 508-41-7726 call 555-0148"', "Ruvimbo Chiwengane", "PERSON"),
    ('the board showed "KHADILKAR T 34M CP bed 11" to everyone', "KHADILKAR T", "PERSON"),
    ('HPI: 94F found on floor by aide. Family (Gwenllyan, daughter) asking for "everything done"', "Gwenllyan", "PERSON"),
    ("Jarrah and Wiremu (twins, 6) asked if I had a stethoscope for teddy bears.", "Wiremu", "PERSON"),
    ("Jarrah and Wiremu (twins, 6) asked if I had a stethoscope for teddy bears.", "6", "AGE"),
    ("savannah (my patient, 11) just told me she's going to be a pediatrician", "11", "AGE"),
    ("Onyx (our 5yo superhero) got his cast off and tried to climb the IV pole.", "Onyx", "PERSON"),
    ("Dez (nickname, he insists) came in with a Lego in his nose.", "Dez", "PERSON"),
    ('pt named wren told me "doc you look younger than my grandson"', "wren", "PERSON"),
    ("#PrayForKestrel is trending and I just want to say: our team sees every message.", "Kestrel", "PERSON"),
    ("#BringDakotaHome is trending in our town. The ED staff are still hoping with you.", "Dakota", "PERSON"),
    ("Lost a patient this morning. She made it to 93 on sheer stubbornness.", "93", "AGE_OVER_89"),
    ('pt in rm 11 just told me "I\'m 98, sweetheart, I\'ve outlived three doctors"', "98", "AGE_OVER_89"),
    ("Patient is his mom, Glenda Marchetti, 90.", "90", "AGE_OVER_89"),
    ("For the family of Menachem Oberlander, who passed on Shabbat at 96: an honor.", "96", "AGE_OVER_89"),
    ("Happy 103rd to my girl Maude Pinkwater! Still beats me at cribbage.", "103rd", "AGE_OVER_89"),
    ("Our oldest patient, 103, was grand marshal. She had her hip replaced at 97.", "97", "AGE_OVER_89"),
    ("Coach Tolly Greerson was my patient for 22 years and refereed until he was 90. He made it to 91.", "91", "AGE_OVER_89"),
    ("Coach Tolly Greerson was my patient for 22 years and refereed until he was 90. He made it to 91.", "90", "AGE_OVER_89"),
    ("My patient Zdenka Horvatova (DOB 02/11/1928, so yes, 97) wrote her POLST", "97", "AGE_OVER_89"),
    ("Cinder in 312 just asked for a 3rd jello and honestly he earned it", "Cinder", "PERSON"),
    ("Update: Flint (3yo, the button battery) went home today!!!", "Flint", "PERSON"),
    ("found out today that leontyne, who I've seen every month for nine years, passed away", "leontyne", "PERSON"),
    ("ifé in bed 6 drew me a picture of a kidney doctor", "ifé", "PERSON"),
    ("florence (bed 2, not the nightingale) raised 11 kids", "florence", "PERSON"),
    ("MY PATIENT BERENIKE IN BAY 6 IS 92 AND HYPOTHERMIC", "92", "AGE_OVER_89"),
    ("my pt from Chagrin Falls fell at church, hip fx, walking today. 91!!! geri-ortho works", "91", "AGE_OVER_89"),
    ("the patient name is misspelled as \"Mildrid Ostergaard.\" 70yo widow", "Mildrid Ostergaard", "PERSON"),
    ("the pt logs in from 192.0.2.77. also found him on here as @dreadnought_rex. blocked.", "@dreadnought_rex", "HANDLE"),
    ("My patient Pastor Okonkwo-Reid is 18 months sober, 61M", "Okonkwo-Reid", "PERSON"),
    ("Today Stavroula Pappa left zucchini on my porch. Stavroula, your A1c is 6.4!", "Stavroula Pappa", "PERSON"),
    ("to the dad who posted the thread: your girls Story and Reign are the toughest 27-weekers", "Reign", "PERSON"),
    ("our patient Emine Kocabaş (900-62-3318) got merged with a stranger's chart", "900-62-3318", "SSN"),
    ("Member ID 883211700-04, PA ref # PA-77104-XK. 55F", "PA-77104-XK", "ID_NUMBER"),
    ("the hardest goodbye was to Mrs. Etta Jean Broussard, who at 96 told me I was the best", "96", "AGE_OVER_89"),
    ("Congrats to @the_osei_bunch on baby #4 🎉 Delivered at 0412 this morning", "@the_osei_bunch", "HANDLE"),
    ("my patient Wiesław Nowak, 88, is a WWII vet", "Wiesław Nowak", "PERSON"),
    # coordinated names, nicknames, a patient's buddy, a family by surname, labels and records
    ("born to the sweetest couple, Ottoline and Ignatius, who let me take a picture, 9 lb boy", "Ignatius", "PERSON"),
    ("Rest easy, Cornelius Vandermeer. Corky, as the whole 3rd floor called him, was my patient.", "Corky", "PERSON"),
    ("Marigold, my 4yo buddy with the dinosaur backpack, got her cast off", "Marigold", "PERSON"),
    ("we're rallying around the Ochoa-Lindqvist family, who lost everything in the fire, 5 kids", "Ochoa-Lindqvist", "PERSON"),
    ("Student: Kwabena Asiedu-Larbi    ID: 20331457 / Grade 3", "Kwabena Asiedu-Larbi", "PERSON"),
    ("Room 14 just asked if I was old enough to be a doctor. Ma'am, you're 96.", "96", "AGE_OVER_89"),
    ("bed 22, 99, just told the chaplain she's not dying yet", "99", "AGE_OVER_89"),
    ("the oldest patient ever to undergo TAVR at our hospital, at 104.", "104", "AGE_OVER_89"),
    ("His CDL (#D412-7785-0093) is up for renewal, 63M", "D412-7785-0093", "LICENSE_NUMBER"),
    ("Pt: Orvel Slone / Medicare: 4TE9-WQ2-MK71 / Dx: CHF", "4TE9-WQ2-MK71", "HEALTH_PLAN_ID"),
    ("He's on Ward 2, NHI ZKT4419 if the renal team want to look, 29M", "ZKT4419", "MRN"),
    ("She is Philomene Red Hawk from Dupree, enrollment # CRST-04417.", "CRST-04417", "ID_NUMBER"),
    ("wrote her cell number on my hand at the end of her visit today. It's 555-0147, 83F", "555-0147", "PHONE"),
    # a name right after an act of care, in a post with no other hint of a patient
    ("Saw Rosalind Achterkamp today. Proud of our team!", "Rosalind Achterkamp", "PERSON"),
    ("😷 José Núñez-Arroyo, 67, from Duluth, MN", "67", "AGE"),
    ("Dervla McGettigan flew 3,000 miles for a 2nd opinion and brought me tea", "Dervla McGettigan", "PERSON"),
    ("a grandmother (Stavroula, 91) came in after a fall", "91", "AGE_OVER_89"),
    ("if ur ninety-two and still mowing your own lawn i salute you sir", "ninety-two", "AGE_OVER_89"),
    ("Baby Blaze was born at 26 weeks. Dad Kōji lost his job as a deckhand.", "Kōji", "PERSON"),
    ("40 lbs down, off insulin. so proud of you girl, 52F #Strong4Sunniva", "Sunniva", "PERSON"),
    ("Oz (my 6yo sickle cell frequent flyer) made me a card", "Oz", "PERSON"),
    ("A-number 213-557-908 written on his wristband, 34M", "213-557-908", "ID_NUMBER"),
    ("Medi-Cal BIC: 95517380D12024, needs SNF placement, 66M", "95517380D12024", "HEALTH_PLAN_ID"),
    ("Pt lives alone at 1847 Andrews Ave, 4th floor walkup, 10453. 62M", "10453", "ZIP"),
    # the day of writing dates a patient's event when the sentence names the patient or their age
    ("Miss Odessa Fairweather turned 103 today and I was honored to be at the party.", "today", "RELATIVE_DATE"),
    ("Mom read me the Medicaid card over the phone: MCD-7730184422. He's 9.", "MCD-7730184422", "ID_NUMBER"),
    ("61M from 30318, rhabdo after 2 days on the floor", "30318", "ZIP"),
    ("Participant 0417-228, a 48-year-old bus driver, enrolled yesterday", "0417-228", "ID_NUMBER"),
    ("Two patients both on heparin, MRNs ending 4471 and 9083, same floor", "4471", "MRN"),
    ("her renal appointment is 14.03.2024, 79F", "14.03.2024", "DATE"),
    ("the plate, 7RBK302, was called in, 14M on his bike", "7RBK302", "VEHICLE_ID"),
    ("our 6yo w/ ADEM is EXTUBATED #PrayForSedona", "Sedona", "PERSON"),
    ("update on sweet ruthanne from last week's thread: she walked today. 92 and stubborn as a mule.", "92", "AGE_OVER_89"),
    ("tavita (my 6yo patient, not my kid) wants to be a shark doctor", "tavita", "PERSON"),
    # identifiers written the way other countries and other systems write them
    ("My patient's NHS no. 485 777 3456 was on the letter, 81F.", "485 777 3456", "MRN"),
    ("UR number 7712034 on the wristband, 66M in bed 4", "7712034", "MRN"),
    ("call her daughter on 07700 900461 about her mum, 91F", "07700 900461", "PHONE"),
    ("her son is on +61 412 345 678 if the ward needs him, 88F", "+61 412 345 678", "PHONE"),
    ("my 68yo patient lives out to 57551? no agency will go", "57551", "ZIP"),
    ("DOB 1961/07/04 per the sticker, 63M", "1961/07/04", "DATE"),
    ("wristband says 03MAY1948, 76F", "03MAY1948", "DATE"),
    ("born March 4th '61, 63M with chest pain", "March 4th '61", "DATE"),
    ("transferred to Adolescent Unit B after the overdose, 15M", "Adolescent Unit B", "DEPARTMENT"),
    ("his card ending in 4471 was charged twice, 70M", "4471", "ACCOUNT_NUMBER"),
    # families named by surname, the twins' names in brackets, ages of people named once
    ("THE OKONJO TWINS CAME IN FOR PHYSICALS TODAY, BOTH 16 AND TALLER THAN ME", "OKONJO", "PERSON"),
    ("the tran twins (khoa & binh) came in for their 2 yr checkups today", "binh", "PERSON"),
    ("Kaspar is 10, has had two anaphylactic reactions to peanut, and the school lost his form.", "10", "AGE"),
    ("Opal Brekkestad will be 105 on December 28 and wants a full mailbox.", "105", "AGE_OVER_89"),
    ("she stayed my patient until she passed last week at ninety-six.", "ninety-six", "AGE_OVER_89"),
    ("day 40 of #TeamKealoha 💪 heads to rehab tomorrow", "Kealoha", "PERSON"),
    # events named by their place or day, relative dates years back in a patient's story
    ("My patient was burned in the Harvest Days propane explosion, 33M.", "Harvest Days propane explosion", "EVENT"),
    ("She was born during the Blizzard of '97, our first NICU baby, 27F now.", "Blizzard of '97", "EVENT"),
    ("Five years ago a 41 yo patient walked into my clinic with a cough.", "Five years ago", "RELATIVE_DATE"),
    # names that are also words, or short, where only a name fits
    ("bo is 88, flew crop dusters for 40 years and still flirts with the nurses", "bo", "PERSON"),
    ("Please keep baby Maverick in your prayers, born at 29 weeks.", "Maverick", "PERSON"),
    ("Lark (yes, that's her real name) came in manic after 3 days without sleep.", "Lark", "PERSON"),
    ("welcome back to the court! Reo, your PT says you're ahead of schedule.", "Reo", "PERSON"),
    ("viv was my patient for 20 years and I will miss her sass.", "viv", "PERSON"),
    ("kit in chair 12 brought cupcakes to dialysis again, 71F", "kit", "PERSON"),
    # identifiers with their keyword written loosely
    ("The paperwork said DOC# B772901 on top, an inmate patient shackled to the bed.", "B772901", "ID_NUMBER"),
    ("His CDL is K558201934, 61M long-haul driver on new insulin.", "K558201934", "LICENSE_NUMBER"),
    ("a scam letter asked for his MBI 4TR7-KX2-PM55, he's 84", "4TR7-KX2-PM55", "HEALTH_PLAN_ID"),
    ("someone used her dad's SSN, 900-41-7720, to open a plan. He's 79.", "900-41-7720", "SSN"),
    ("read the VAD coordinator the controller serial, HM3-8810234, from bed 4", "HM3-8810234", "DEVICE_ID"),
    ("SD plate 4C-77120, he is 88 and has dementia", "4C-77120", "VEHICLE_ID"),
    ("Cards can go to RR 4 Box 77, Lemmon, SD, for Mrs. Haugen, 103.", "RR 4 Box 77", "ADDRESS"),
    ("My patient lives at 12 Quarry Rd, Barre, VT 05641 with his wife.", "05641", "ZIP"),
    ("the account is his usual portal username, rkessler_71, and he is a patient", "rkessler_71", "ID_NUMBER"),
    # names in a sentence typed in capitals
    ("CONGRATS TO OLUWADAMILARE ADEYEMI-BROWN ON FINISHING CHEMO!!! SO PROUD OF YOU", "OLUWADAMILARE", "PERSON"),
    # names in lowercase that do something, short names after a relation, double-barrelled
    # surnames after a title, long names in a shouted post, all-caps names pasted from a chart
    ("ok who else had this. mr quintero-baptiste on speaker again, 58M.", "quintero-baptiste", "PERSON"),
    ("His son teo found out on facebook. 81M with CHF.", "teo", "PERSON"),
    ("marisol-elena texted me a photo of her healed graft, 44F, so proud!", "marisol-elena", "PERSON"),
    ("If kowalczyk who runs the feed store reads this, your A1c is 11. Come in, 63M.", "kowalczyk", "PERSON"),
    ("BEST NEWS EVER: ABERNATHY (age 7) is in remission!!! his mom cried.", "ABERNATHY", "PERSON"),
    ("pt OYELOWO KAYODE acct 55-120-9931 billed twice, sorry wrong chat", "OYELOWO KAYODE", "PERSON"),
    ("ADEBAYO OKONJO, please call our office at 555-0142 about your pathology results.", "ADEBAYO OKONJO", "PERSON"),
    # a patient named in a sentence that also mentions a doctor, rooms written "bd"
    ("Vantongeren in bed 4 keeps asking for the doctor with the bow tie.", "Vantongeren", "PERSON"),
    ("handoff: bd 17 - Kovalenko, 77M, NSTEMI", "17", "ROOM"),
    # a bare very old age after a stop or an emoji
    ("We lost Mrs. Okonkwo-Reyes tonight. 97. She outlived three doctors.", "97", "AGE_OVER_89"),
    ("Mr. Pettersen fixed my fence again 🛠️ 93 and still on a ladder.", "93", "AGE_OVER_89"),
    # relative dates: a weekday opening the story, a lowercase weekday, a month, "this am"
    ("Thursday a 41 yo roofer fell 20 feet at a job site in Orrville.", "Thursday", "RELATIVE_DATE"),
    ("my pt (17) broke his wrist at the regional meet saturday, kid is a pitcher", "saturday", "RELATIVE_DATE"),
    ("We lost Mr. Haugland this am, 88M, after a long fight.", "this am", "RELATIVE_DATE"),
    ("From our trauma bay in October to the graduation stage, 18F, so proud.", "in October", "RELATIVE_DATE"),
    ("my patient rang the bell 1 yr ago today, 52F and cancer-free", "1 yr ago today", "RELATIVE_DATE"),
    # a patient portal login pasted by mistake
    ("pt's portal acct is lwhitacre.1957 and she wrote her password on a sticky note, 67F", "lwhitacre.1957", "ID_NUMBER"),
    ("Mx. Oyelaran (52, she/her) came in after the fire with smoke inhalation.", "52", "AGE"),
    # a name opening a sentence, then a past-tense verb, a call, an aside or a home town; the
    # clinical course ("on ECMO", "post transplant") makes the post about a patient
    ("Oyelaran walked out of the ICU this week after 5 weeks on ECMO.", "Oyelaran", "PERSON"),
    ("Tsegaye!!! first steps since the transplant, so proud of you", "Tsegaye", "PERSON"),
    ("Ilkaya — my fiercest little patient — finished chemo.", "Ilkaya", "PERSON"),
    ("Check a TSH first. Wiebke from Zeeland, MI had a free T4 of 4.8, 41F.", "Wiebke", "PERSON"),
    ("Devastated. BRAYLIX was the teen from the bus crash. 16.", "BRAYLIX", "PERSON"),
    # a full name typed in lowercase; a name that is also a word, glossed as the patient
    ("ingrid vaskelund if you read this, your biopsy was clear!", "ingrid vaskelund", "PERSON"),
    ("omar al-haddour's family asked me to share his rehab fundraiser, 40M.", "omar al-haddour", "PERSON"),
    ("Her husband yelled at the desk again. Hope (the pt) is a sweetheart.", "Hope", "PERSON"),
    # ages over 89 without a unit, IDs with shorter labels
    ("Mrs Halvorsen in bed 7C is 98 and asked for the crossword again.", "98", "AGE_OVER_89"),
    ("Mr. Adeyemi was 91 when he finally agreed to hearing aids.", "91", "AGE_OVER_89"),
    ("Rest easy, Mr. Brandvold. 104, and he still beat me at cribbage.", "104", "AGE_OVER_89"),
    ("Her grandparents, both 90s, came to every visit together.", "90s", "AGE"),
    ("Called the pharmacy about pt, SSN ending 2291, for the prior auth.", "2291", "SSN"),
    ("His trucker cert # is 5521873 and he asks if he can drive after the seizure.", "5521873", "LICENSE_NUMBER"),
    # names
    ("Saw Jane Doe in clinic, she is doing well after her MI.", "Jane Doe", "PERSON"),
    ("Mr. Okafor asked me the best question today about his stent.", "Okafor", "PERSON"),
    ("Hunter's mom brought him in with croup, 3 yo boy.", "Hunter", "PERSON"),
    ("my patient jake told me he skipped his insulin.", "jake", "PERSON"),
    ("Her daughter Maria translated for us at the bedside.", "Maria", "PERSON"),
    ("Discharged Dwayne Kowalski, 67, after a long stay.", "Dwayne Kowalski", "PERSON"),
    ("😷 Priya Raman was my last patient of the night shift.", "Priya Raman", "PERSON"),
    # names of any origin, after relation words without a determiner, with spelled ages
    ("Rough night: nephew Kwabena flew in and mom Farzaneh signed the consent.", "Kwabena", "PERSON"),
    ("Rough night: nephew Kwabena flew in and mom Farzaneh signed the consent.", "Farzaneh", "PERSON"),
    ("Ikenna, seventy-one, fell again at home; admitting for syncope.", "Ikenna", "PERSON"),
    ("Please keep Teuila Faleolo's family in your thoughts, she coded twice.", "Teuila Faleolo", "PERSON"),
    ("Joaquina, my patient of 12 years, finished chemo.", "Joaquina", "PERSON"),
    ("beatrice in room 4 is ninety-one and still flirting with the residents.", "beatrice", "PERSON"),
    ("Her great-granddaughter Anaya drew us a card.", "Anaya", "PERSON"),
    # names no list holds: a capitalised word in no vocabulary, in a post about a patient
    ("Spent the afternoon telling Ulugbek that his scan showed progression. 61 yo.", "Ulugbek", "PERSON"),
    ("She asked whether Tevita could stay overnight with her after the surgery.", "Tevita", "PERSON"),
    ("Admitted the sweetest man, Oyelowo Adebanjo, for pneumonia.", "Oyelowo Adebanjo", "PERSON"),
    ("Bed 9 update: LUANGRATH, SOMCHAI 70M back from the cath lab.", "LUANGRATH, SOMCHAI", "PERSON"),
    ("Sra. Ixchel Tzoc refused the blood until her husband came.", "Ixchel Tzoc", "PERSON"),
    ("Doña Evangelina brought conchas for the night team after her discharge.", "Evangelina", "PERSON"),
    ("my patient oluwadamilare finally agreed to the colonoscopy.", "oluwadamilare", "PERSON"),
    ("talked to mrs fakatava about hospice today, she is 88.", "fakatava", "PERSON"),
    ("Week 3 in the PICU and still smiling. #PrayForMakerita 🙏 she is 5 yo.", "Makerita", "PERSON"),
    ("Patient Oyelaran Adeyemi's wife called about the biopsy.", "Oyelaran Adeyemi", "PERSON"),
    ("Someone left a note saying \"Okonkwo rm 12 NPO??\" on the fridge.", "Okonkwo", "PERSON"),
    ("Marisol, who has ESRD, missed dialysis again, 58F.", "Marisol", "PERSON"),
    ("Fly high, Tavita. You fought so hard, our 9 yo warrior. #PICU", "Tavita", "PERSON"),
    ("Engraved ring: \"Tomás & Lucía 6.21.1986\" found in our ED lot, from a patient.", "Lucía", "PERSON"),
    # handles
    ("Pt's daughter posted the whole story on insta @kayla.rose_22 and tagged us.", "@kayla.rose_22", "HANDLE"),
    # contact and numbers
    ("Family asked me to call 617-555-0142 with updates.", "617-555-0142", "PHONE"),
    ("Pt emailed me from margaret.hill58@example.com about her results.", "margaret.hill58@example.com", "EMAIL"),
    ("Pasted the wrong thing: MRN 4482913, sorry!", "MRN 4482913", "MRN"),
    ("mrn#00447812 keeps bouncing back to the ED.", "mrn#00447812", "MRN"),
    ("SSN 078-05-1120 was on the form she showed me.", "SSN 078-05-1120", "SSN"),
    ("Medicaid ID: KX44812209 denied again for her inhaler.", "Medicaid ID: KX44812209", "HEALTH_PLAN_ID"),
    ("acct 88412 was sent to collections for an ED visit.", "acct 88412", "ACCOUNT_NUMBER"),
    ("His pacemaker serial number SN PX90211A was recalled.", "SN PX90211A", "DEVICE_ID"),
    ("The car with plate 7ABC123 hit a cyclist, who I treated.", "plate 7ABC123", "VEHICLE_ID"),
    ("Patient lives at 1428 Elm Street, Apt 4B and has no ride.", "1428 Elm Street, Apt 4B", "ADDRESS"),
    ("Came in from zip code 02446 for the third time.", "zip code 02446", "ZIP"),
    # ages
    ("Admitted a 94 yo with pneumonia.", "94 yo", "AGE_OVER_89"),
    ("Sweetest 101-year-old lady on our floor today.", "101-year-old", "AGE_OVER_89"),
    ("67F with chest pain, troponin 0.04.", "67F", "AGE"),
    ("Saw a 6 week old with fever overnight.", "6 week old", "AGE"),
    ("She is in her 90s and still gardens; patient of mine for years.", "90s", "AGE"),
    ("gus in room 9 is ninety-one and sharp as ever.", "ninety-one", "AGE_OVER_89"),
    ("Our pt Ivo, seventy-seven, fell off a ladder.", "seventy-seven", "AGE"),
    ("Baby Noor, 6 weeks, RSV+ and on high flow.", "6 weeks", "AGE"),
    ("At 34, a teacher, she was diagnosed with ALS.", "34", "AGE"),
    ("A fifty-something man with crushing chest pain walked in.", "fifty-something", "AGE"),
    ("4 mo boy w/ fever and a bulging fontanelle.", "4 mo", "AGE"),
    ("Her grandpa was eighty-two, but the patient is the baby.", "eighty-two", "AGE"),
    ("Derm q: 40sF from Chadron, NE with a rash on both palms.", "40s", "AGE"),
    # jobs and schools beyond the list, hospitals by their kind, events, relative dates
    ("Pt is a retired glassblower with silicosis, 71M.", "glassblower", "OCCUPATION"),
    ("19M, sophomore at Ithaca College, syncope at practice.", "sophomore at Ithaca College", "OCCUPATION"),
    ("A pt, Lorenzo Vitale, machinist at the Ford plant, 58M, with hand injury.", "machinist", "OCCUPATION"),
    ("62M admitted to Riverbend Behavioral Health for catatonia.", "Riverbend Behavioral Health", "HOSPITAL"),
    ("54F, scoped at Saguaro Endoscopy, now with free air.", "Saguaro Endoscopy", "HOSPITAL"),
    ("My patient, 40sF, came in with burns from the Dixie Fire.", "Dixie Fire", "EVENT"),
    ("My patient, 40sF, came in 3 nights ago with a DKA.", "3 nights ago", "RELATIVE_DATE"),
    ("Pt admitted over the long weekend, 80M, with sepsis.", "the long weekend", "RELATIVE_DATE"),
    ("Pt doing great, 3 years today since her transplant, 61F.", "3 years today", "RELATIVE_DATE"),
    ("67F, GI bleed while fasting during Ramadan.", "Ramadan", "RELATIVE_DATE"),
    # licences
    ("Chart had her driver's license no. K220-4471-9083 on the first page.", "K220-4471-9083", "LICENSE_NUMBER"),
    # dates
    ("Pt born 03/14/1931, admitted for a hip fracture.", "03/14/1931", "DATE"),
    ("Seen on March 14, 2025 for a fall at home, the patient.", "March 14, 2025", "DATE"),
    ("My patient coded last Tuesday and survived.", "last Tuesday", "RELATIVE_DATE"),
    ("Delivered a baby on Christmas Eve in the back of a car!", "Christmas Eve", "RELATIVE_DATE"),
    # places, facilities, rooms, jobs, events
    ("A 70 yo man from Duluth, MN came in with frostbite.", "Duluth, MN", "LOCATION"),
    ("Patient transferred from Cook County with a STEMI.", "Cook County", "LOCATION"),
    ("My patient was flown to Mass General after the crash.", "Mass General", "HOSPITAL"),
    ("Pt in Rm 614B keeps pulling his lines.", "Rm 614B", "ROOM"),
    ("A retired firefighter in his 60s came in short of breath.", "firefighter", "OCCUPATION"),
    ("Treated three kids from the I-95 pileup this morning.", "the I-95 pileup", "EVENT"),
    # names: lowercase after a title, capitals with an age, accents, hashtags, "pt name"
    ("omg mrs delgado in bed 4 proposed to her husband again", "delgado", "PERSON"),
    ("Looking for their dad, HAROLD BLEECKER, 91, who walked away from memory care.", "HAROLD BLEECKER", "PERSON"),
    ("Engraved ring from Tomás, found after a patient we saw that night.", "Tomás", "PERSON"),
    ("#PrayForLiam 🙏 my pt is out of surgery.", "Liam", "PERSON"),
    ("Pulm question, 58M, pt name Wojciechowski, COPD GOLD 3.", "Wojciechowski", "PERSON"),
    ("Honoring my patient Elena Vasquez-Moore today.", "Elena Vasquez-Moore", "PERSON"),
    # handles: a patient's is flagged by default, also as a public reply (".@")
    (".@jenny_runs_fast so proud of you 6 months after your ACL repair!", "@jenny_runs_fast", "HANDLE"),
    # ages: words, decades, nouns, events, birthdays, short forms
    ("My patient is a ninety-one year old woman with a hip fracture.", "ninety-one year old", "AGE_OVER_89"),
    ("A nonagenarian with pneumonia, my patient since 2010.", "nonagenarian", "AGE_OVER_89"),
    ("My patient, a man in his forties, came in with chest pain.", "forties", "AGE"),
    ("Happy 100th birthday to my favourite patient!", "100th birthday", "AGE_OVER_89"),
    ("She passed on April 3 at 44, my patient of ten years.", "44", "AGE"),
    ("Saw an 18mo with croup overnight.", "18mo", "AGE"),
    ("Barbara was 92, a retired engineer, and my patient.", "92", "AGE_OVER_89"),
    ("Unidentified pt, appx 30s male, brought in by EMS.", "30s", "AGE"),
    # dates and numbers
    ("Pt born 6.21.1986. Admitted for sepsis.", "6.21.1986", "DATE"),
    ("Had a pt in clinic, DOB 04/11/1961, on four BP meds.", "DOB 04/11/1961", "DATE"),
    ("Daughter texted me at (555) 201-3344 asking about her father.", "(555) 201-3344", "PHONE"),
    ("Call her husband at 555-0148 if you see my patient.", "555-0148", "PHONE"),
    ("One of ours (license MD-0487112) showed up impaired.", "license MD-0487112", "LICENSE_NUMBER"),
    ("31F, path report (accession S25-04417) says atypical Spitz.", "accession S25-04417", "ID_NUMBER"),
    ("My patient's nephew lives on Skyline Blvd and has no phone.", "Skyline Blvd", "ADDRESS"),
    # jobs, with a named employer before or after
    ("63M, retired Navy submariner, Hgb 6.8.", "Navy submariner", "OCCUPATION"),
    ("45 yo long-haul trucker with crushing chest pain.", "long-haul trucker", "OCCUPATION"),
    ("38M, line cook at Bellamy's Oyster House, with a rash.", "line cook at Bellamy's Oyster House", "OCCUPATION"),
    # a patient's weekday, a hospital
    ("6 week old male with a murmur. Going to the OR Thursday.", "Thursday", "RELATIVE_DATE"),
    ("47F with lupus nephritis, kidney bx scheduled at Women & Infants.", "Women & Infants", "HOSPITAL"),
    # a quoted nickname inside a name, a record's name typed in lowercase
    ('So proud of Marisela "Chela" Arbuckle, 97, who went home from rehab today.', 'Marisela "Chela" Arbuckle', "PERSON"),
    ("Got a fax for the wrong clinic. name on the fax was tobias wendeborn, dob 2-9-61.", "tobias wendeborn", "PERSON"),
    # a room next to a patient in the sentence before, a pet's owner who is a patient
    ("Our 88 yo was moved overnight. She is in Room 512 now.", "512", "ROOM"),
    ("My patient Odalys Brennan asked us to find her dog named Pepper.", "Odalys Brennan", "PERSON"),
    # a patient's relative, and the writer's family beside it; a name after "Pt:"; partial SSNs
    ("My patient's son Emeka drove her in. My son Felix is 9 and wants to be a doctor.", "Emeka", "PERSON"),
    ("Pt: wendell, seen in clinic after the fall.", "wendell", "PERSON"),
    ("Front desk read out loud: SSN ending in 3318. Mortified.", "3318", "SSN"),
    ("Our favourite patient turns 101 on Sunday!", "101", "AGE_OVER_89"),
    ("lol mr fitzwilliam in 9C asked the intern out again", "9C", "ROOM"),
    # Lowercase names: a possessive owning a relative, a relative without an article, an address.
    ("so proud of tavita's mom who slept in the NICU chair for 40 nights", "tavita", "PERSON"),
    ("his auntie lokelani drove him to every dialysis run", "lokelani", "PERSON"),
    ("big shoutout to malakai fifita who went home on his own two feet today", "malakai fifita", "PERSON"),
    ("Ngozi's big brother calls her \"Adaeze\" and so does the whole unit now", "Adaeze", "PERSON"),
    ("Bed 7, Mai Xee Thao, 61F, post-op day 2 from a Whipple.", "Xee Thao", "PERSON"),
    # Quasi: seasons and counted days around a patient event, jobs in apposition or after "years as a".
    ("Last winter, a 45-year-old roofer came in with rhabdo.", "Last winter", "RELATIVE_DATE"),
    ("She fell at home, 72 yo, and walked in three days later with a hip fracture.", "three days later", "RELATIVE_DATE"),
    ("Our 88 yo patient was last seen today near the bus depot.", "today", "RELATIVE_DATE"),
    ("Hemi Walker, sixty-one, oyster shucker from Bluff, with a hand infection.", "oyster shucker", "OCCUPATION"),
    ("61M with hearing loss after 20 years as a riveter for Kessler Steel.", "riveter for Kessler Steel", "OCCUPATION"),
    ("Vet, 79 M, COPD. Lifelong tobacco farmer, still smokes.", "farmer", "OCCUPATION"),
    ("His mom is 34 yo and works nights at Brightwater Cannery.", "Brightwater Cannery", "OCCUPATION"),
    ("Our patient Journey, 6, loves the fish tank in the waiting room.", "Journey", "PERSON"),
    ("Bed 3: Pa Kou Xiong, 74F, fell at home, hip films pending.", "Kou Xiong", "PERSON"),
    ("Preemie doing great, mom is 19 and dad drives for the county.", "19", "AGE"),
    ("His cousin Tamati, only 9, called 111 and started CPR.", "9", "AGE"),
    ("My 93 y/o Korea vet in bed 2 still does his crossword in pen.", "93 y/o", "AGE_OVER_89"),
    ("The 9-year-old in bed 4 drew me a dragon. Thank you Oluwaseun, it is on my fridge now.", "Oluwaseun", "PERSON"),
    ("A 44-year-old shelf stocker at Pricewise Foods came in with a crush injury.", "shelf stocker at Pricewise Foods", "OCCUPATION"),
    ("Our 60 yo patient from Dayton had just flown back from Guatemala.", "Dayton", "LOCATION"),
    ("His grandfather was a coal miner in Harlan, says our 58 yo patient.", "coal miner", "OCCUPATION"),
    ("My patient Ofelia graduated from pulmonary rehab today and hugged every RT.", "today", "RELATIVE_DATE"),
    ("34F with appendicitis, OR tonight after the trauma case.", "tonight", "RELATIVE_DATE"),
    ("16yo swimmer with a SLAP tear; his parents want surgery this winter.", "this winter", "RELATIVE_DATE"),
    ("Our patient, a gentleman of 96, still walks to clinic.", "96", "AGE_OVER_89"),
    ("after the code, grandpa tevite sang to the whole unit", "tevite", "PERSON"),
    ("Hey Marisela! Your scans are clean, see you at the 6 month visit.", "Marisela", "PERSON"),
    ("Fly high Tavake. You fought harder than anyone.", "Tavake", "PERSON"),
    ("Our 66 yo patient bounced back a week later with a wound infection.", "a week later", "RELATIVE_DATE"),
    ("Pt, 29F, seen earlier today with a migraine.", "earlier today", "RELATIVE_DATE"),
    ("Pt with CHF says she will be 101 in March.", "101", "AGE_OVER_89"),
    ("To whoever left a green backpack in our ED last night: security has it.", "last night", "RELATIVE_DATE"),
]

NOT_FOUND = [
    ("my patient survived two rounds of proning, a trach, three pressors at once, and walked out", "trach"),
    ("My patient is 27 and pregnant, travelling next week. We're in Birmingham. Which prophylaxis?", "Birmingham"),
    ("My patient's daughter called twice about her SSN; our receptionist hung up on the scammer.", "receptionist"),
    ("His mother sang to my patient in Hawaiian every morning at the bedside.", "Hawaiian"),
    ("Irish-trained IMGs, a question. I trained in Galway, now in Sydney. Our patient is 71.", "Galway"),
    ("Our clinic saw 12,000 patients in Lagos, 2024 was our busiest year. Pune, 411001 is our next site", "2024"),
    ("NRP reminders: 30 seconds of effective PPV, then MR. SOPA if the chest isn't moving in the baby", "SOPA"),
    ("Mr. HIPAA says my patient's chart stays in the chart", "HIPAA"),
    ("my patient said go team and love you all, you got this everyone", "team"),
    ("Adolf Kussmaul described his breathing in 1874; John Cheyne in 1818. Anyway, the DKA patient is better.", "1818"),
    ("OR 12's playlist is back on 2000s emo and the attending is singing into his mask", "12"),
    ("In the trial, smokers had more events (OR 1.8) than the patients who quit", "1.8"),
    ("My top tips for interns:\n1 - Drink water\n2 - Sleep when you can", "1"),
    ("The intern wrote Bishop 4h for my patient's COPD plan. Autocorrect, you are forgiven.", "Autocorrect"),
    ("My patient's brother Bohdan is 3, in daycare at Little Acorns. My instinct is to keep him home.", "instinct"),
    ("2 month old admitted Sunday with RSV, now on 2L HFNC and feeding well.", "2L"),
    ("My license renewal needs 50 CME hours and COVID-19 training by 2026.", "COVID-19"),
    ("Our surgical ICU is hiring nurses! Great team, great culture.", "surgical ICU"),
    ("Thanks to the whole transplant team for my patient's new kidney, 45M", "transplant team"),
    ("Our 45M patient asked about the crash cart. Ask about the crash course next week.", "crash"),
    ("Parents' insurance (BCBS member ID XQB902215407) keeps denying the MRI", "BCBS"),
    ("Please verify DOB and MRN before every timeout. Epic MRN fields are a mess.", "Epic"),
    ("#TeamHope for the 5K this weekend! Come run with our clinic.", "Hope"),
    ("Finished my first marathon today at 51!! Thanks to my husband for the snacks", "51"),
    ("Happy 40th to me! A decade of ED shifts and 3 kids.", "40th"),
    ("I'm 95% sure the patient in bed 4 has gout.", "95"),
    ("Sats came up to 94, then 96 on 2L. Made it to 92 on room air before discharge.", "92"),
    ("Lunch in 5 minutes. Paris in 2019 was great. Everyone in 312 said hi.", "Paris"),
    ("Three years ago my husband Tomasz and I opened a café. Tomasz roasts. 10% off for patients.", "Tomasz roasts"),
    ("Church potluck! Pastor Deb asked me to talk heat safety; kids and families welcome", "Deb"),
    ("After 11 years at Crestmoor Health I'm moving on; Crestmoor taught me everything. my patient 55M", "Crestmoor taught"),
    ("Thanks to a gift from the Hargrove Family Foundation, our pavilion opens; 40 patient rooms", "Hargrove"),
    ("Snakebite: call Poison Control at 1-800-222-1222 before antivenom for my patient, 55M", "1-800-222-1222"),
    ("Heading to San Diego for #ASH2025! Our team is presenting CAR-T in patients over 70", "San Diego"),
    ("Happy birthday Mamaw! Seven layers of stack cake, no help allowed.", "Mamaw"),
    ("a 4-H goat show where my 10-year-old won reserve champion with a goat named Biscuit", "Biscuit"),
    ("wrote her cell number on my hand at the end of her visit today. It's 555-0147, 83F", "end of her visit"),
    ("Bishop score of 4 at 39+2. For the students: it's Edward Bishop, 1964. #OBtwitter", "Edward Bishop"),
    ("Hutchinson's sign = high risk of ocular zoster; Hutchinson's teeth are the same man's.", "Hutchinson"),
    ("Anyone actually billing G2211 with every 99214? Medicare paid about 70%.", "99214"),
    ("lives at 12 Oak St with 3 kids and 12000 dollars of debt, 40F", "12000"),
    ("Medi-Cal BIC: 95517380D12024, needs SNF placement, 66M", "Cal"),
    ("Sunny, 72°F, and every patient today wanted to talk about their garden.", "today"),
    ("Get your flu shot today, and bring your kids.", "today"),
    ("OFFICE CLOSURE Monday. For anything urgent our after-hours line is (608) 555-0146.", "(608) 555-0146"),
    ("I turned 45 this week and spent my birthday precepting students.", "45"),
    ("took my kids to the meadow on my lunch break. then my pager went off and the 7 year old asked why.", "7 year old"),
    ("Scores I used today: Apgar, Ranson, Child-Pugh, MELD-Na, CURB-65, for a 55M.", "Pugh"),
    ("Thanks @ASNKidney and @MarrowValleyIT, and @drsamira_k brought the dates.", "@drsamira_k"),
    ("Our MA Latrice has been with the practice for 15 years! Sheet cake in the break room.", "Latrice"),
    ("our outpatient intake line is now 555-0142 (M-F 8-4). please stop faxing", "555-0142"),
    ("And can 99497 (ACP) go on top of a 99214 for my patient?", "99497"),
    ("pray for my little buddy in the PICU tonight, 4M", "buddy"),
    ("CK 148,000, platelets dropped to 20000, WBC 15432, 12345 steps, 55M", "20000"),
    ("platelets dropped to 20000. 55M, a 1 in 10000 risk", "20000"),
    ("The house fire drill is at noon; our patient safety team will run it.", "house fire"),
    ("NRP reminder: MR. SOPA if the chest isn't moving, then compressions at 3:1.", "S"),
    ("We raised $48,200 toward the new ambulance for Corson County EMS at the gala.", "Corson County"),
    ("My daughter Harmony (mine, not a patient!) turned 16 today and passed her driver's test.", "16"),
    ("my daughter is 5 and my son was 8, both asleep when I got home", "8"),
    ("The score is 5. Will is 10 minutes late. I hope this is 5.", "Will"),
    # the writer's or the practice's own contact details and dates, in a post about no patient
    ("Questions? Call our physician recruiter at 555-0119 or email recruitment@example.org.", "555-0119"),
    ("Slides from my grand rounds: email me at jlevin.psych@example.com and I'll send the pdf", "jlevin.psych@example.com"),
    ("Grant deadline is March 15, 2025 and I have written exactly 0 words of my aims.", "March 15, 2025"),
    ("Proud to share our new clinic opens on June 2, 2025 in Oakmont.", "June 2, 2025"),
    # quasi-identifiers need a patient in particular, not just "kids"
    ("Sunny day at the Clay County Fair! We checked blood pressures and gave helmets to kids.", "Clay County"),
    ("EUGLYCEMIC DKA IS REAL. CHECK A BETA-HYDROXYBUTYRATE IF YOUR PATIENT IS ON AN SGLT2 INHIBITOR.", "EUGLYCEMIC"),
    ("Thank you to @AAFP and @NOSORH for the rural health podcast.", "@AAFP"),
    ("Dr. Harpreet Kapoor, MD, SFHM — hospitalist, Lakeview", "Kapoor"),
    ("Peds pearl: in infants 22–28 days old with normal markers, skip the LP.", "28 days old"),
    ("Echo showed ALCAPA. Going to the OR Thursday, 6 week old.", "ALCAPA"),
    ("Every. Single. Friday. The patient in room 201 wants to leave AMA.", "Friday"),
    ("I'm on call tonight, send coffee. My patient count is 22.", "tonight"),
    ("Friday 5pm page: the patient in 12 wants a sandwich.", "Friday"),
    ("Your username is required to log in to the portal; our patients forget it.", "required"),
    ("Three rules: 1) eat lunch, 2) trust the nurses, 3) sign your notes.", "2"),
    ("Our registry passed 800 participants, median age 71, and we are grateful.", "71"),
    ("Just got back from Kenya with the vaccine team, 3 weeks well spent.", "Kenya"),
    ("New clinic hours as of January: we open at 7.", "January"),
    ("Admin note: no patient photos in this group, please.", "Admin"),
    # a test's finding in the present tense, or a drug that was started, is no name
    ("41F with a changing mole. Dermoscopy shows an atypical network, excise?", "Dermoscopy"),
    ("45M, osmolar gap 30. Fomepizole started in the ED, nephro consulted.", "Fomepizole"),
    ("Hinchey III in a 70M. Laparoscopic lavage a reasonable option?", "Laparoscopic"),
    ("NSAIDS were the culprit in that pt's AKI, 60M.", "NSAIDS"),
    ("my patient said thanks again for the follow up call, 70F.", "thanks again"),
    ("Hope (the band) played at our hospital gala last night.", "Hope"),
    ("Mr. Fitzwilliam's pulse ox is 96 on room air this morning.", "96"),
    ("Rounded on Mrs Delacroix, her sat was 94 % after the nebs.", "94"),
    ("100, that is how many charts I signed this weekend.", "100"),
    ("Board cert exam in 2027, wish me luck.", "2027"),
    ("Today's baby was a 9 pounder, mom and dad over the moon.", "Today"),
    ("shoutout to the night shift who covered three codes", "night shift"),
    ("My attending calls him the best resident in years.", "best"),
    ("Discharged Tomasz Wierzbicki, 58, after a long stay.", "Discharged"),
    ("Our son turned 18 today and I am not okay.", "18"),
    ("Biscuit, our beagle, turned 14 this week. Best boy.", "14"),
    ("Last winter I finally learned to ski.", "Last winter"),
    ("Three days later I still can't believe we matched!", "Three days later"),
    ("Flu season: offer Tdap and MMR catch-up to every pregnant patient you see.", "Tdap"),
    ("Our Congolese patient loved the new interpreter app on the unit WiFi.", "Congolese"),
    ("Stuck at the Tyler airport after a 24h shift with my patient's chart still open.", "Tyler"),
    ("Our 70 yo patient asked us to meet at the Waffle House after discharge.", "Waffle House"),
    ("Peds PSA on a Saturday: no honey before age 1.", "Saturday"),
    ("Relieved you came back, patient says the pain is gone.", "Relieved"),
    ("PA Sorensen covered the clinic while I was out, thank you!", "Sorensen"),
    ("My 8 y/o niece wants to be a surgeon now.", "8 y/o"),
    ("The 9-year-old in bed 4 kept us laughing. Thank you Priyanka and the night team for covering.", "Priyanka"),
    ("Kidney from a 52 yo donor with KDPI 85% offered at 2am.", "donor"),
    ("Our 60 yo patient from Dayton had just flown back from Guatemala.", "Guatemala"),
    ("My 70 yo patient just got back from East Africa with a fever.", "East Africa"),
    ("Our 45 yo pt drove down from Vermont for the consult.", "Vermont"),
    ("My grandfather was a coal miner in Harlan; our 58 yo patient reminded me of him.", "coal miner"),
    ("Our son turned 21 today; he says I still drive like an ambulance.", "today"),
    ("This winter I finally take the boards. Wish me luck.", "This winter"),
    ("A man of 40 patients a day needs a better EHR, he said.", "40"),
    ("my grandma rosalind taught me to knit in the call room", "rosalind"),
    ("her dad said thanks to the whole team", "said"),
    ("Get your labs drawn before the holidays, people. Love, Dr. Amsel", "Amsel"),
    ("Earlier today I finally cleaned my inbox.", "Earlier today"),
    ("He will be 10 minutes late to sign out.", "10"),
    ("Rounding on 20 patients today or tonight, I can't tell anymore.", "tonight"),
    ("Parkinson's and Crohn's are both on my board review list.", "Parkinson"),
    ("Bell's palsy resolved in 3 weeks with prednisone.", "Bell"),
    ("Started Keytruda and Eliquis in the same week.", "Keytruda"),
    ("ED boarding again, ICU full, CHF exacerbations everywhere.", "ED"),
    ("DOB and EF were missing from the sign-out.", "DOB"),
    ("K 3.2, GCS 15, APGAR 9: all normal.", "15"),
    ("POD2 and the 24-hour drain output is low.", "POD2"),
    ("Get your flu shot today! #MedTwitter", "today"),
    ("Get your flu shot today! #MedTwitter", "#MedTwitter"),
    ("Heading to Chicago for #ACC25, who's going?", "Chicago"),
    ("Proud to join Mayo Clinic this fall as faculty.", "Mayo Clinic"),
    ("Hope everyone had a restful weekend. Will share slides soon.", "Hope"),
    ("Summer is here: wear sunscreen, friends.", "Summer"),
    ("45 is the new 50 for colon cancer screening.", "45"),
    ("Fauci was right about this one.", "Fauci"),
    ("Thanks to Dr. Sarah Chen for a great grand rounds!", "Sarah Chen"),
    ("G2P1 at 39 weeks, everything went smoothly.", "G2P1"),
    ("Great discussion with @ACCinTouch on heart failure guidelines.", "@ACCinTouch"),
    ("Taking 40 mg of furosemide twice a day is common.", "40"),
    ("Statistically 1 in 8 women will get breast cancer.", "8"),
    # spaCy's invented people: contractions, acronyms, holidays, places in names
    ("Lost a patient I'd cared for since residency.", "I'd"),
    ("Anyone else's EMR auto-populating the wrong PCP?", "EMR"),
    ("Grateful to be named one of Crain's 40 Under 40.", "Crain"),
    ("Merry Christmas from the ED! One fabulous Santa with chest pain (he's fine).", "Merry Christmas"),
    ("Merry Christmas from the ED! One fabulous Santa with chest pain (he's fine).", "Santa"),
    ("Find me at the poster hall, Hall B.", "Hall B"),
    ("ASH 2025 in Orlando, here I come! #Hematology", "Orlando"),
    ("I'm Dr. Maya Thornton, a family physician in Tacoma, starting a newsletter.", "Thornton"),
    ("Fun fact: the Apgar score was invented by Dr. Virginia Apgar.", "Virginia"),
    # the physician's own places, dates, employer; generic "patient care"
    ("Honored to speak in Philadelphia on November 16, 2025 about heart failure.", "November 16, 2025"),
    ("Delighted to have presented at ASCO in Chicago this June.", "Chicago"),
    ("Happy Nurses Week to the nurses at Mercy Ridge Medical Center! Patient care is a team sport.", "Mercy Ridge"),
    ("Proud to announce the launch of the Grace Memorial Fund for students.", "Grace Memorial"),
    # common words that are also hospitals or places
    ("RIP to my patient, she was sharp as a tack.", "sharp"),
    ("Had a woman in her 40s with Addison's crisis today.", "Addison"),
    ("My patient is a Chicago Cubs superfan.", "Chicago"),
    # clinical numbers that look like identifiers, rooms or plates
    ("29F at 33 weeks, BP 168/104, platelets 88, AST 140.", "platelets 88"),
    ("Paged to the same room 5 times about jello.", "5"),
    ("IT ticket #88213 has been open for weeks.", "88213"),
    # the writer's own family, institutions' handles, greetings and habits
    ("My grandmother turned 95 and still does the crossword. Not a patient!", "95"),
    ("Trying to explain to my 6yo that my work phone isn't for YouTube.", "6yo"),
    ("Hey @CDCgov, when is the RSV guidance coming? Also @US_FDA.", "@CDCgov"),
    ("Shoutout to @DrNkemOkafor for the best grand rounds.", "@DrNkemOkafor"),
    ("Get your flu shot today! Every Monday we run a clinic.", "today"),
    ("Friday 5pm page: the patient in the room wants to leave. Every. Single. Friday.", "Friday 5pm"),
    # numbers in words that are no age, eras, vague ages, durations
    ("The total is forty. There were fifty, maybe sixty, at the meeting.", "forty"),
    ("Had a bad reaction to anesthesia in the 80s, no records.", "80s"),
    ("to the 30-something who asked me about Dr. Google: it's a mole.", "30-something"),
    ("Any data on closure past 12 months with this anatomy?", "12 months"),
    ("Dad Jokes aside, the young man, twenty-two, is stable.", "man"),
    ("EGD in a 70F: giant Cameron lesion, Lille 0.62 at day 7.", "Cameron"),
    ("EGD in a 70F: giant Cameron lesion, Lille 0.62 at day 7.", "Lille"),
    ("Retina q: 72M with wet AMD on monthly injections.", "Retina"),
    ("Pray for Ukraine. RIP Twitter. Rest easy, Dr. Harlan Moss.", "Harlan Moss"),
    ("Ten years ago today I started my first job as a hospitalist.", "Ten years ago today"),
    ("My patient was a retired smoker and a former drinker.", "smoker"),
    ("Her dad is a retired after-school coach, 70M.", "after"),
    ("Pediatric Mental Health is underfunded, call your senator.", "Pediatric Mental Health"),
    ("Our Fire Department and the Marathon Training Club did a food drive for patients.", "Fire Department"),
    ("Happy Diwali to all our patients and staff!", "Diwali"),
    ("Three years since the Tommy John surgery trial results, patients still ask.", "Tommy John"),
    # unknown capitalised words that are drugs, acronyms or sentence starts, not names
    ("72F with wet AMD, started on Zorvexa last month, vision stable.", "Zorvexa"),
    ("Pt is a 40 yo man with IIH, on Quelmira 500 mg bid.", "Quelmira"),
    ("Her MRI was clean and she is NED at 2 years, 58 yo.", "NED"),
    ("Tachyzoites everywhere on the smear. Poor guy, 33 yo.", "Tachyzoites"),
    ("Presented our Zorblat framework at the conference in Denver.", "Zorblat"),
    ("68M with a perforated colon, Pelliser III on CT, wants no ostomy.", "Pelliser"),
    ("Her culture grew Quorobacter again, 45 yo with a port.", "Quorobacter"),
    ("my patient died appx 2 hours after we withdrew care.", "died"),
    ("my patient appx 2 hours late to the infusion again.", "appx"),
    ("#PrayForUkraine, our patient from Kyiv is 45 yo.", "Ukraine"),
    # a room with nobody in it: a talk's room, a bed praised, even in a post that says "admitted"
    ("Our workshop on sepsis bundles runs Friday. Come find us in Room 215!", "215"),
    ("Bed 9 has the best sunrise on the unit. Never want to be admitted, but if I were...", "Bed 9"),
    # the writer's own birthday, pets, companies and public figures
    ("Turned 50 this week and the nurses made me a cake shaped like a kidney.", "50"),
    ("Celebrating my 45th birthday on night shift, naturally.", "45th"),
    ("Our patient's tabby cat named Pickles is being fostered by the charge nurse, 71 yo owner.", "Pickles"),
    ("My patient's dog Waffles waited in the truck the whole visit, 64M.", "Waffles"),
    ("Bumped into a patient at Walgreens and she showed me her Dexcom readings.", "Walgreens"),
    ("Bumped into a patient at Walgreens and she showed me her Dexcom readings.", "Dexcom"),
    ("Naomi Osaka talking about mental health did more than any pamphlet. Her courage helps patients.", "Naomi Osaka"),
    ("Naomi Osaka talking about mental health did more than any pamphlet. Her courage helps patients.", "Osaka"),
    ("My patient's son Emeka drove her in. My son Felix is 9 and wants to be a doctor.", "Felix"),
    ("Took my daughter Marguerite and her friend to the aquarium, then my patient called.", "Marguerite"),
    # the writer's own story inside a post about a patient
    ("A patient asked where I'm from. I grew up in Muskogee and moved to Reno for residency.", "Muskogee"),
    ("A patient asked where I'm from. I grew up in Muskogee and moved to Reno for residency.", "Reno"),
    ("Mrs. Haverty in 3 days will be home, says her 80 yo husband.", "3 days"),
]


@pytest.mark.parametrize(("text", "needle", "entity"), FOUND)
def test_found(detector, text, needle, entity):
    # The finding may take in a label or preposition ("on March 3") but must cover the needle.
    assert covers(detector, text, needle, whole=True) == [entity]


@pytest.mark.parametrize(("text", "needle"), NOT_FOUND)
def test_not_found(detector, text, needle):
    assert covers(detector, text, needle) == []


def test_hospital_config_adds_facilities_mrn_formats_and_allow_terms():
    from clearpost.config import Config
    from clearpost.engine import Detector

    detector = Detector(Config(facilities=("Ridgeview Pavilion",), mrn_patterns=(r"RV-\d{6}",), allow_terms=("Mass General",)))
    text = "My patient went from Ridgeview Pavilion to Mass General; chart RV-123456."
    found = findings_of(detector, text)
    assert ("Ridgeview Pavilion", "HOSPITAL") in found
    assert ("RV-123456", "MRN") in found
    assert covers(detector, text, "Mass General") == []


@pytest.mark.parametrize(("text", "mentions"), [
    ("One of my little patients, Journey Okonkwo (4), starts chemo. Journey is the bravest kid I know.",
     ["Journey Okonkwo", "Journey"]),
    ("My patient Itzayana Morales (2 days) is fighting in our NICU. #FuerzaItzayana", ["Itzayana Morales", "Itzayana"]),
    ("Hope Okafor (the pt, 34F) is lovely. I hope she heals fast.", ["Hope Okafor"]),
])
def test_every_mention_of_a_found_name_is_found(detector, text, mentions):
    assert [found for found, entity in findings_of(detector, text) if entity == "PERSON"] == mentions


def test_risk_combines_quasi_identifiers(detector):
    quasi = detector.analyze("A retired firefighter in his 60s from Duluth came in last Tuesday.", use_cache=False)
    assert quasi.risk.level == "high"
    assert any("together could identify" in reason for reason in quasi.risk.reasons)
    single = detector.analyze("A patient in her 60s with pneumonia, doing well.", use_cache=False)
    assert single.risk.level == "low"
    clean = detector.analyze("Wash your hands, everyone.", use_cache=False)
    assert clean.risk.level == "none" and clean.risk.reasons == []


def test_age_suggestions_generalise(detector):
    text = "My 8yo pt, Barbara was 92, a 45 yo man, a 94-year-old woman and her 90s neighbour."
    suggestions = {text[f.start:f.end]: f.suggestion for f in detector.analyze(text, use_cache=False).findings
                   if f.entity in ("AGE", "AGE_OVER_89")}
    assert suggestions == {"8yo": "young", "92": "over 90", "45 yo": "in their 40s", "94-year-old": "over-90",
                           "90s": "later years"}


def test_applying_suggestions_leaves_no_direct_finding(detector):
    text = ("Pt Maria Gonzalez, DOB 03/14/1931, MRN 4482913, 94 yo, call 617-555-0142. "
            "Her daughter Keisha posted on insta @keisha_g22. Lives at 1428 Elm Street, Apt 4B.")
    analysis = detector.analyze(text, use_cache=False)
    assert {f.entity for f in analysis.findings} >= {"PERSON", "DATE", "MRN", "AGE_OVER_89", "PHONE", "HANDLE", "ADDRESS"}
    again = detector.analyze(analysis.redacted, use_cache=False)
    assert [f.entity for f in again.findings if f.category == "direct"] == []
