"""Synthetic news corpora about Belarus and Russia's war against Ukraine, reproducible from a seed.

Each article is drawn from its own `random.Random` seeded by (seed, index), so a corpus of N
articles is the first N articles of any larger corpus with the same seed. The text mixes
composed sentence templates, ~300 real actor names (with spelling variants and occasional
Cyrillic forms), quotes with attribution, boilerplate lines, typos, and a long tail of rare
synthetic words and names so that the vocabulary keeps growing with the corpus as real text's
does.

Command line: ``python -m benchmarks.generate N --seed S --out DIR``.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

GENERATOR_VERSION = 1
"""Bumped whenever the output changes, so stale corpora on disk are not reused."""

COMPLETE_MARKER = ".complete"
"""Written last into a corpus folder; hidden, so belreader's loader passes over it."""

# Actors: (kind, canonical name, variants...). Variants are used now and then, as in real
# coverage that mixes transliterations, short forms and the occasional Cyrillic spelling.
ACTORS: tuple[tuple[str, ...], ...] = (
    # People
    (
        "person",
        "Alexander Lukashenko",
        "Lukashenko",
        "Lukashenka",
        "Alyaksandr Lukashenka",
        "Aleksandr Lukashenko",
        "Лукашенко",
    ),
    ("person", "Vladimir Putin", "Putin", "Путин"),
    ("person", "Volodymyr Zelensky", "Zelensky", "Zelenskyy", "Zelenskiy", "Зеленський"),
    ("person", "Sviatlana Tsikhanouskaya", "Tsikhanouskaya", "Svetlana Tikhanovskaya"),
    ("person", "Sergei Shoigu", "Shoigu", "Sergey Shoygu"),
    ("person", "Andrei Belousov", "Belousov"),
    ("person", "Valery Gerasimov", "Gerasimov"),
    ("person", "Sergei Lavrov", "Lavrov", "Лавров"),
    ("person", "Dmitry Peskov", "Peskov"),
    ("person", "Dmitry Medvedev", "Medvedev"),
    ("person", "Maria Zakharova", "Zakharova"),
    ("person", "Viktor Khrenin", "Khrenin", "Viktar Khrenin"),
    ("person", "Alexander Volfovich", "Volfovich"),
    ("person", "Roman Golovchenko", "Golovchenko", "Raman Halouchenka"),
    ("person", "Alexander Turchin", "Turchin"),
    ("person", "Maxim Ryzhenkov", "Ryzhenkov"),
    ("person", "Vladimir Makei", "Makei", "Uladzimir Makei"),
    ("person", "Sergei Aleinik", "Aleinik"),
    ("person", "Natalia Eismont", "Eismont"),
    ("person", "Pavel Latushko", "Latushko"),
    ("person", "Maria Kalesnikava", "Kalesnikava", "Maria Kolesnikova"),
    ("person", "Ales Bialiatski", "Bialiatski"),
    ("person", "Viktar Babaryka", "Babaryka"),
    ("person", "Siarhei Tsikhanouski", "Tsikhanouski"),
    ("person", "Franak Viačorka", "Viačorka", "Franak Viachorka"),
    ("person", "Valery Tsepkalo", "Tsepkalo"),
    ("person", "Yevgeny Prigozhin", "Prigozhin", "Пригожин"),
    ("person", "Dmitry Utkin", "Utkin"),
    ("person", "Ramzan Kadyrov", "Kadyrov"),
    ("person", "Sergei Surovikin", "Surovikin"),
    ("person", "Alexander Lapin", "Lapin"),
    ("person", "Alexander Dvornikov", "Dvornikov"),
    ("person", "Oleksiy Danilov", "Danilov", "Oleksii Danilov"),
    ("person", "Oleksandr Lytvynenko", "Lytvynenko"),
    ("person", "Kyrylo Budanov", "Budanov", "Kirill Budanov"),
    ("person", "Andriy Yermak", "Yermak"),
    ("person", "Dmytro Kuleba", "Kuleba"),
    ("person", "Andrii Sybiha", "Sybiha"),
    ("person", "Oleksii Reznikov", "Reznikov"),
    ("person", "Rustem Umerov", "Umerov"),
    ("person", "Valerii Zaluzhnyi", "Zaluzhnyi", "Valery Zaluzhny"),
    ("person", "Oleksandr Syrskyi", "Syrskyi"),
    ("person", "Serhiy Naiev", "Naiev", "Serhii Nayev"),
    ("person", "Yuriy Ihnat", "Ihnat"),
    ("person", "Andriy Demchenko", "Demchenko"),
    ("person", "Mykhailo Podolyak", "Podolyak"),
    ("person", "Oleksiy Arestovych", "Arestovych"),
    ("person", "Denys Shmyhal", "Shmyhal"),
    ("person", "Vitali Klitschko", "Klitschko"),
    ("person", "Petro Poroshenko", "Poroshenko"),
    ("person", "Joe Biden", "Biden"),
    ("person", "Donald Trump", "Trump"),
    ("person", "Antony Blinken", "Blinken"),
    ("person", "Lloyd Austin", "Austin"),
    ("person", "Jake Sullivan", "Sullivan"),
    ("person", "Marco Rubio", "Rubio"),
    ("person", "Keith Kellogg", "Kellogg"),
    ("person", "Emmanuel Macron", "Macron"),
    ("person", "Olaf Scholz", "Scholz"),
    ("person", "Keir Starmer", "Starmer"),
    ("person", "Boris Johnson", "Johnson"),
    ("person", "Andrzej Duda", "Duda"),
    ("person", "Donald Tusk", "Tusk"),
    ("person", "Mateusz Morawiecki", "Morawiecki"),
    ("person", "Radosław Sikorski", "Sikorski", "Radoslaw Sikorski"),
    ("person", "Gitanas Nausėda", "Nausėda", "Gitanas Nauseda"),
    ("person", "Gabrielius Landsbergis", "Landsbergis"),
    ("person", "Edgars Rinkēvičs", "Rinkēvičs", "Edgars Rinkevics"),
    ("person", "Kaja Kallas", "Kallas"),
    ("person", "Jens Stoltenberg", "Stoltenberg"),
    ("person", "Mark Rutte", "Rutte"),
    ("person", "Ursula von der Leyen", "von der Leyen"),
    ("person", "Josep Borrell", "Borrell"),
    ("person", "António Guterres", "Guterres", "Antonio Guterres"),
    ("person", "Recep Tayyip Erdoğan", "Erdoğan", "Erdogan"),
    ("person", "Xi Jinping", "Xi"),
    ("person", "Viktor Orbán", "Orbán", "Orban"),
    ("person", "Kim Jong Un", "Kim Jong-un"),
    ("person", "Sergei Naryshkin", "Naryshkin"),
    ("person", "Alexander Bortnikov", "Bortnikov"),
    ("person", "Nikolai Patrushev", "Patrushev"),
    ("person", "Alexander Grushko", "Grushko"),
    ("person", "Alexei Navalny", "Navalny"),
    ("person", "Yulia Navalnaya", "Navalnaya"),
    ("person", "Mikhail Khodorkovsky", "Khodorkovsky"),
    ("person", "Ivan Tertel", "Tertel"),
    ("person", "Ivan Kubrakov", "Kubrakov"),
    ("person", "Andrei Ravkov", "Ravkov"),
    ("person", "Stanislav Zas", "Zas"),
    ("person", "Viktor Lukashenko", "Viktar Lukashenka"),
    ("person", "Nikolai Lukashenko", "Kolya Lukashenko"),
    ("person", "Pavel Muraveyko", "Muraveyko"),
    ("person", "Roman Protasevich", "Protasevich", "Raman Pratasevich"),
    ("person", "Igor Girkin", "Girkin", "Strelkov"),
    ("person", "Margarita Simonyan", "Simonyan"),
    ("person", "Vladimir Solovyov", "Solovyov"),
    ("person", "Stanislav Shushkevich", "Shushkevich"),
    ("person", "Zianon Pazniak", "Pazniak"),
    ("person", "Ben Hodges", "Hodges"),
    ("person", "Michael Kofman", "Kofman"),
    ("person", "Artyom Shraibman", "Shraibman"),
    ("person", "Valery Karbalevich", "Karbalevich"),
    ("person", "Pavel Slunkin", "Slunkin"),
    ("person", "Katia Glod", "Glod"),
    ("person", "Hanna Liubakova", "Liubakova"),
    ("person", "Tadeusz Giczan", "Giczan"),
    ("person", "Julie Fisher", "Fisher"),
    ("person", "Eugene Vindman", "Vindman"),
    # States
    ("state", "Belarus", "Belarus", "Belarus", "Беларусь", "Belorussia", "Byelorussia"),
    ("state", "Russia", "Russia", "Russian Federation", "Россия"),
    ("state", "Ukraine", "Ukraine", "Україна"),
    ("state", "Poland", "Poland"),
    ("state", "Lithuania", "Lithuania"),
    ("state", "Latvia", "Latvia"),
    ("state", "Estonia", "Estonia"),
    ("state", "Moldova", "Moldova"),
    ("state", "Georgia", "Georgia"),
    ("state", "Kazakhstan", "Kazakhstan"),
    ("state", "Armenia", "Armenia"),
    ("state", "Azerbaijan", "Azerbaijan"),
    ("state", "China", "China", "PRC"),
    ("state", "Iran", "Iran"),
    ("state", "North Korea", "North Korea", "DPRK"),
    ("state", "United States", "US", "U.S.", "USA", "America"),
    ("state", "United Kingdom", "UK", "Britain"),
    ("state", "Germany", "Germany"),
    ("state", "France", "France"),
    ("state", "Turkey", "Türkiye"),
    ("state", "Hungary", "Hungary"),
    ("state", "Finland", "Finland"),
    ("state", "Sweden", "Sweden"),
    ("state", "Romania", "Romania"),
    ("state", "Slovakia", "Slovakia"),
    ("state", "Czech Republic", "Czechia"),
    ("state", "Norway", "Norway"),
    ("state", "Japan", "Japan"),
    ("state", "India", "India"),
    ("state", "Transnistria", "Transnistria"),
    # Organisations
    ("organisation", "NATO", "NATO", "the Alliance"),
    ("organisation", "European Union", "EU", "the EU"),
    ("organisation", "United Nations", "UN", "the UN"),
    ("organisation", "CSTO", "Collective Security Treaty Organization"),
    ("organisation", "Union State", "the Union State"),
    ("organisation", "Eurasian Economic Union", "EAEU"),
    ("organisation", "OSCE", "OSCE"),
    ("organisation", "Wagner Group", "Wagner", "PMC Wagner"),
    ("organisation", "Belarusian KGB", "KGB"),
    ("organisation", "FSB", "FSB"),
    ("organisation", "GRU", "GRU"),
    ("organisation", "SVR", "SVR"),
    ("organisation", "Kremlin", "the Kremlin"),
    ("organisation", "Pentagon", "the Pentagon"),
    ("organisation", "State Department", "the State Department"),
    ("organisation", "White House", "the White House"),
    ("organisation", "Verkhovna Rada", "Rada"),
    ("organisation", "State Duma", "Duma"),
    ("organisation", "Federation Council", "Federation Council"),
    ("organisation", "National Assembly of Belarus", "National Assembly"),
    ("organisation", "Security Council of Belarus", "Belarusian Security Council"),
    ("organisation", "Ministry of Defence of Belarus", "Belarusian Defence Ministry"),
    ("organisation", "Russian Ministry of Defence", "Russian Defence Ministry"),
    ("organisation", "Ukrainian General Staff", "General Staff of the Armed Forces of Ukraine"),
    ("organisation", "SBU", "Security Service of Ukraine"),
    ("organisation", "HUR", "Main Intelligence Directorate", "Ukrainian military intelligence"),
    ("organisation", "National Resistance Center", "National Resistance Center"),
    ("organisation", "Institute for the Study of War", "ISW"),
    ("organisation", "Kastus Kalinouski Regiment", "Kalinouski Regiment"),
    ("organisation", "Pahonia Regiment", "Pahonia"),
    ("organisation", "Belarusian Volunteer Corps", "Belarusian Volunteer Corps"),
    ("organisation", "Cyber Partisans", "Belarusian Cyber Partisans"),
    ("organisation", "Belaruski Hajun", "Hajun"),
    ("organisation", "BelTA", "BelTA"),
    ("organisation", "TASS", "TASS"),
    ("organisation", "RIA Novosti", "RIA"),
    ("organisation", "Ukrinform", "Ukrinform"),
    ("organisation", "Reuters", "Reuters"),
    ("organisation", "Associated Press", "AP"),
    ("organisation", "Meduza", "Meduza"),
    ("organisation", "Zerkalo", "Zerkalo.io"),
    ("organisation", "Nasha Niva", "Nasha Niva"),
    ("organisation", "Radio Free Europe/Radio Liberty", "RFE/RL", "Radio Svaboda"),
    ("organisation", "Viasna", "Viasna Human Rights Centre"),
    ("organisation", "Amnesty International", "Amnesty"),
    ("organisation", "IAEA", "International Atomic Energy Agency"),
    ("organisation", "International Criminal Court", "ICC"),
    ("organisation", "Rosatom", "Rosatom"),
    ("organisation", "Belaruskali", "Belaruskali"),
    ("organisation", "Gazprom", "Gazprom"),
    ("organisation", "Rosneft", "Rosneft"),
    ("organisation", "Naftan", "Naftan"),
    ("organisation", "Belneftekhim", "Belneftekhim"),
    ("organisation", "Rosgvardia", "National Guard of Russia"),
    # Military units and forces
    ("unit", "Armed Forces of Belarus", "Belarusian army", "Belarusian Armed Forces"),
    ("unit", "Russian Armed Forces", "Russian army", "Russian forces"),
    ("unit", "Armed Forces of Ukraine", "AFU", "ZSU", "Ukrainian Armed Forces"),
    ("unit", "Western Military District", "Western Military District"),
    ("unit", "Leningrad Military District", "Leningrad Military District"),
    ("unit", "Moscow Military District", "Moscow Military District"),
    ("unit", "Regional Grouping of Forces", "regional grouping of forces"),
    ("unit", "1st Guards Tank Army", "1st Guards Tank Army"),
    ("unit", "20th Combined Arms Army", "20th Army"),
    ("unit", "6th Combined Arms Army", "6th Army"),
    ("unit", "38th Air Assault Brigade", "38th Brigade"),
    ("unit", "103rd Airborne Brigade", "103rd Brigade"),
    ("unit", "120th Mechanized Brigade", "120th Brigade"),
    ("unit", "11th Mechanized Brigade", "11th Brigade"),
    ("unit", "6th Mechanized Brigade", "6th Brigade"),
    ("unit", "19th Mechanized Brigade", "19th Brigade"),
    ("unit", "336th Rocket Artillery Brigade", "336th Brigade"),
    ("unit", "465th Missile Brigade", "465th Brigade"),
    ("unit", "5th Spetsnaz Brigade", "5th Special Forces Brigade"),
    ("unit", "Special Operations Forces of Belarus", "Belarusian special operations forces"),
    ("unit", "Territorial Defense Forces", "territorial defence"),
    ("unit", "State Border Guard Service of Ukraine", "Ukrainian border guards"),
    ("unit", "State Border Committee of Belarus", "Belarusian border guards"),
    ("unit", "Operational Command North", "Operational Command North"),
    ("unit", "Russian Airborne Forces", "VDV"),
    ("unit", "Black Sea Fleet", "Black Sea Fleet"),
    ("unit", "Baltic Fleet", "Baltic Fleet"),
    ("unit", "Belarusian Air Force", "Belarusian air force"),
    # Places
    ("place", "Minsk", "Minsk", "Minsk", "Мінск", "Минск"),
    ("place", "Moscow", "Moscow", "Москва"),
    ("place", "Kyiv", "Kyiv", "Kiev", "Київ"),
    ("place", "Brest", "Brest"),
    ("place", "Gomel", "Homel"),
    ("place", "Mogilev", "Mahilyow", "Mogilyov"),
    ("place", "Vitebsk", "Viciebsk"),
    ("place", "Grodno", "Hrodna"),
    ("place", "Mozyr", "Mazyr"),
    ("place", "Pinsk", "Pinsk"),
    ("place", "Bobruisk", "Babruysk"),
    ("place", "Baranovichi", "Baranavichy"),
    ("place", "Lida", "Lida"),
    ("place", "Machulishchy", "Machulishchy airfield"),
    ("place", "Zyabrovka", "Zyabrovka airfield"),
    ("place", "Luninets", "Luninets"),
    ("place", "Asipovichy", "Osipovichi"),
    ("place", "Barysaw", "Borisov"),
    ("place", "Obuz-Lesnovsky", "Obuz-Lesnovsky training ground"),
    ("place", "Chernobyl", "Chornobyl"),
    ("place", "Pripyat", "Prypiat"),
    ("place", "Chernihiv", "Chernigov"),
    ("place", "Zhytomyr", "Zhitomir"),
    ("place", "Rivne", "Rovno"),
    ("place", "Volyn", "Volhynia"),
    ("place", "Lutsk", "Lutsk"),
    ("place", "Kovel", "Kovel"),
    ("place", "Lviv", "Lvov"),
    ("place", "Kharkiv", "Kharkov"),
    ("place", "Sumy", "Sumy"),
    ("place", "Kursk", "Kursk region"),
    ("place", "Bryansk", "Bryansk region"),
    ("place", "Belgorod", "Belgorod"),
    ("place", "Smolensk", "Smolensk"),
    ("place", "Pskov", "Pskov"),
    ("place", "Kaliningrad", "Kaliningrad"),
    ("place", "St Petersburg", "St. Petersburg", "Saint Petersburg"),
    ("place", "Rostov-on-Don", "Rostov"),
    ("place", "Donbas", "Donbass"),
    ("place", "Donetsk", "Donetsk"),
    ("place", "Luhansk", "Lugansk"),
    ("place", "Crimea", "Crimea"),
    ("place", "Zaporizhzhia", "Zaporozhye"),
    ("place", "Kherson", "Kherson"),
    ("place", "Mariupol", "Mariupol"),
    ("place", "Bakhmut", "Artemovsk"),
    ("place", "Avdiivka", "Avdeyevka"),
    ("place", "Pokrovsk", "Pokrovsk"),
    ("place", "Odesa", "Odessa"),
    ("place", "Dnipro", "Dnepr"),
    ("place", "Vilnius", "Vilnius"),
    ("place", "Warsaw", "Warsaw"),
    ("place", "Riga", "Riga"),
    ("place", "Tallinn", "Tallinn"),
    ("place", "Suwałki Gap", "Suwalki Gap", "Suwałki corridor"),
    ("place", "Białystok", "Bialystok"),
    ("place", "Brussels", "Brussels"),
    ("place", "Washington", "Washington"),
    ("place", "Beijing", "Beijing"),
    ("place", "Tehran", "Tehran"),
    ("place", "Pyongyang", "Pyongyang"),
    ("place", "Astana", "Astana"),
    ("place", "Tbilisi", "Tbilisi"),
    ("place", "Chisinau", "Chișinău"),
    ("place", "Istanbul", "Istanbul"),
    ("place", "Munich", "Munich"),
    ("place", "Polesia", "Polesie"),
    ("place", "Pripyat Marshes", "Pripet Marshes"),
    ("place", "Dnieper", "Dnipro River"),
    ("place", "Hostomel", "Hostomel airport"),
    ("place", "Bucha", "Bucha"),
    ("place", "Irpin", "Irpin"),
    # Weapons
    ("weapon", "Iskander", "Iskander-M", "Iskander missiles"),
    ("weapon", "S-300", "S-300"),
    ("weapon", "S-400", "S-400"),
    ("weapon", "Pantsir", "Pantsir-S1"),
    ("weapon", "Tor-M2", "Tor-M2K"),
    ("weapon", "Polonez", "Polonez MLRS"),
    ("weapon", "Kinzhal", "Kinzhal"),
    ("weapon", "Kalibr", "Kalibr cruise missiles"),
    ("weapon", "Oreshnik", "Oreshnik"),
    ("weapon", "Shahed", "Shahed-136", "Geran-2"),
    ("weapon", "Lancet", "Lancet drones"),
    ("weapon", "Orlan-10", "Orlan drones"),
    ("weapon", "Bayraktar TB2", "Bayraktar"),
    ("weapon", "HIMARS", "HIMARS"),
    ("weapon", "ATACMS", "ATACMS"),
    ("weapon", "Storm Shadow", "Storm Shadow"),
    ("weapon", "Javelin", "Javelins"),
    ("weapon", "NLAW", "NLAWs"),
    ("weapon", "Patriot", "Patriot systems"),
    ("weapon", "IRIS-T", "IRIS-T"),
    ("weapon", "NASAMS", "NASAMS"),
    ("weapon", "Leopard 2", "Leopards"),
    ("weapon", "Abrams", "M1 Abrams"),
    ("weapon", "Bradley", "Bradley fighting vehicles"),
    ("weapon", "T-72", "T-72B3"),
    ("weapon", "T-90", "T-90M"),
    ("weapon", "BMP-2", "BMP-2"),
    ("weapon", "BTR-82A", "BTR-82"),
    ("weapon", "Su-25", "Su-25"),
    ("weapon", "Su-30SM", "Su-30SM2"),
    ("weapon", "Su-34", "Su-34"),
    ("weapon", "MiG-29", "MiG-29"),
    ("weapon", "Tu-22M3", "Tu-22M3"),
    ("weapon", "Mi-8", "Mi-8"),
    ("weapon", "Ka-52", "Ka-52"),
    ("weapon", "tactical nuclear weapons", "nuclear warheads", "nuclear weapons"),
    ("weapon", "Tochka-U", "Tochka-U"),
    ("weapon", "Grad", "BM-21 Grad"),
    ("weapon", "Tornado-S", "Tornado-S"),
    ("weapon", "Buk-M3", "Buk"),
)
"""Actor entries: kind, canonical name, then spelling variants that appear in text."""

OUTLETS = (
    "Reuters", "Associated Press", "BelTA", "Ukrinform", "Meduza", "Kyiv Independent",
    "Kyiv Post", "Zerkalo", "Nasha Niva", "Radio Free Europe/Radio Liberty", "Belsat",
    "Euronews", "Al Jazeera", "BBC News", "The Guardian", "Politico", "Notes From Poland",
    "LRT", "Tsarizm", "Ukrainska Pravda", "Charter 97", "TASS", "Newsweek", "Foreign Policy",
    "War on the Rocks", "Atlantic Council", "Jamestown Foundation", "Carnegie Politika",
    "Deutsche Welle", "France 24", "Novaya Gazeta Europe", "The Moscow Times", "Belarus Digest",
    "Defense News", "RBC-Ukraine", "Interfax-Ukraine", "NV", "Censor.net", "Pravda Gerashchenko",
)  # fmt: skip

DOMAINS = (
    "reuters.com", "apnews.com", "belta.by", "ukrinform.net", "meduza.io", "kyivindependent.com",
    "kyivpost.com", "zerkalo.io", "nashaniva.com", "rferl.org", "belsat.eu", "euronews.com",
    "aljazeera.com", "bbc.com", "theguardian.com", "politico.eu", "notesfrompoland.com",
    "lrt.lt", "tsarizm.com", "pravda.com.ua", "charter97.org", "tass.com", "newsweek.com",
    "foreignpolicy.com", "warontherocks.com", "atlanticcouncil.org", "jamestown.org",
    "dw.com", "france24.com", "novayagazeta.eu", "themoscowtimes.com", "belarusdigest.com",
)  # fmt: skip

NOUNS = (
    "troops", "border", "war", "invasion", "offensive", "army", "exercise", "drills", "regime",
    "sanctions", "missile", "drone", "battalion", "brigade", "officer", "soldier", "conscript",
    "mobilisation", "mobilization", "reservist", "airfield", "base", "deployment", "ally",
    "alliance", "treaty", "agreement", "summit", "talks", "negotiations", "ceasefire", "front",
    "frontline", "territory", "sovereignty", "independence", "opposition", "protest", "election",
    "referendum", "constitution", "parliament", "minister", "ministry", "president", "dictator",
    "leader", "spokesperson", "analyst", "expert", "intelligence", "assessment", "report",
    "statement", "interview", "briefing", "press conference", "decree", "order", "command",
    "headquarters", "garrison", "convoy", "column", "railway", "train", "bridge", "road",
    "checkpoint", "crossing", "corridor", "refinery", "pipeline", "gas", "oil", "fertiliser",
    "potash", "economy", "inflation", "rouble", "ruble", "budget", "loan", "subsidy", "trade",
    "export", "import", "smuggling", "migrant", "refugee", "prisoner", "political prisoner",
    "detention", "arrest", "trial", "sentence", "crackdown", "repression", "propaganda",
    "television", "channel", "newspaper", "journalist", "blogger", "source", "rumour",
    "speculation", "scenario", "threat", "risk", "escalation", "deterrence", "arsenal",
    "warhead", "ammunition", "shell", "artillery", "tank", "armoured vehicle", "helicopter",
    "aircraft", "jet", "air defence", "radar", "satellite image", "imagery", "footage", "video",
    "photo", "map", "region", "district", "village", "town", "city", "capital", "forest",
    "marsh", "river", "swamp", "terrain", "winter", "spring", "summer", "autumn", "weather",
    "logistics", "supply line", "fuel", "depot", "warehouse", "hospital", "morgue", "casualty",
    "loss", "defeat", "victory", "stalemate", "counteroffensive", "withdrawal", "retreat",
    "advance", "attack", "strike", "shelling", "bombardment", "sabotage", "partisan",
    "guerrilla", "volunteer", "mercenary", "contractor", "instructor", "training ground",
    "camp", "tent", "barracks", "unit", "formation", "division", "regiment", "platoon",
    "company", "staff", "general", "colonel", "commander", "chief", "deputy", "delegation",
    "envoy", "ambassador", "embassy", "consulate", "visa", "passport", "citizen", "society",
    "population", "public opinion", "poll", "survey", "sociologist", "historian", "diplomat",
    "diplomacy", "pressure", "leverage", "dependence", "integration", "annexation", "union",
    "federation", "roadmap", "program", "programme", "plan", "strategy", "doctrine", "concept",
    "law", "amendment", "referendum campaign", "nuclear weapons", "storage site", "launcher",
    "battery", "system", "capability", "readiness", "combat readiness", "inspection", "check",
    "alert", "signal", "message", "warning", "ultimatum", "demand", "request", "promise",
    "guarantee", "condition", "compromise", "concession", "neutrality", "role", "position",
    "stance", "rhetoric", "narrative", "claim", "denial", "provocation", "incident", "clash",
    "skirmish", "shootout", "ambush", "raid", "incursion", "buffer zone", "minefield",
    "fortification", "trench", "bunker", "barrier", "fence", "wall", "crossing point",
    "customs", "queue", "truck", "lorry", "grain", "harvest", "factory", "plant", "enterprise",
    "worker", "salary", "pension", "price", "market", "bank", "currency", "debt", "credit",
)  # fmt: skip

ADJECTIVES = (
    "Belarusian", "Russian", "Ukrainian", "Polish", "Lithuanian", "Western", "European",
    "American", "military", "political", "economic", "strategic", "tactical", "nuclear",
    "conventional", "hybrid", "direct", "indirect", "open", "covert", "secret", "official",
    "unofficial", "independent", "state-run", "pro-Kremlin", "pro-government", "exiled",
    "democratic", "authoritarian", "repressive", "aggressive", "defensive", "offensive",
    "large-scale", "full-scale", "limited", "massive", "significant", "serious", "growing",
    "increasing", "declining", "unlikely", "likely", "possible", "impossible", "imminent",
    "fresh", "new", "old", "former", "current", "recent", "previous", "joint", "bilateral",
    "regional", "northern", "southern", "eastern", "western", "central", "local", "national",
    "international", "global", "key", "major", "minor", "small", "large", "heavy", "light",
    "modern", "outdated", "Soviet-era", "obsolete", "advanced", "combat-ready", "unprepared",
    "unwilling", "reluctant", "eager", "cautious", "careful", "nervous", "tense", "calm",
    "quiet", "loud", "public", "private", "informal", "formal", "unexpected", "sudden",
    "gradual", "permanent", "temporary", "rotational", "constant", "regular", "unprecedented",
    "symbolic", "real", "genuine", "fake", "false", "alleged", "reported", "confirmed",
    "unconfirmed", "anonymous", "senior", "junior", "high-ranking", "top", "elite",
    "experienced", "inexperienced", "loyal", "disloyal", "dependent", "sovereign", "vassal",
    "humanitarian", "diplomatic", "legal", "illegal", "criminal", "brutal", "harsh", "mild",
    "ambiguous", "clear", "vague", "contradictory", "consistent", "long-standing", "short-term",
    "long-term", "decisive", "critical", "crucial", "vulnerable", "exposed", "protected",
)  # fmt: skip

VERBS = (
    "said", "stated", "noted", "claimed", "denied", "warned", "announced", "reported",
    "confirmed", "suggested", "argued", "insisted", "admitted", "acknowledged", "stressed",
    "emphasised", "emphasized", "added", "explained", "recalled", "threatened", "promised",
    "pledged", "vowed", "demanded", "urged", "called for", "rejected", "dismissed", "ignored",
    "welcomed", "condemned", "criticised", "praised", "accused", "blamed", "deployed",
    "withdrew", "moved", "transferred", "relocated", "stationed", "positioned", "massed",
    "gathered", "trained", "equipped", "armed", "supplied", "delivered", "received", "sent",
    "launched", "fired", "struck", "hit", "shot down", "intercepted", "destroyed", "damaged",
    "captured", "seized", "detained", "arrested", "sentenced", "released", "pardoned",
    "expelled", "banned", "closed", "opened", "reopened", "blocked", "restricted", "extended",
    "prolonged", "postponed", "cancelled", "resumed", "suspended", "signed", "ratified",
    "approved", "adopted", "amended", "drafted", "proposed", "discussed", "debated",
    "negotiated", "agreed", "refused", "declined", "avoided", "delayed", "hesitated",
    "considered", "weighed", "assessed", "estimated", "calculated", "monitored", "observed",
    "tracked", "spotted", "recorded", "documented", "published", "leaked", "revealed",
    "disclosed", "concealed", "hid", "prepared", "planned", "organised", "organized",
    "conducted", "held", "hosted", "visited", "met", "travelled", "returned", "arrived",
    "left", "crossed", "entered", "violated", "breached", "reinforced", "strengthened",
    "weakened", "undermined", "pressured", "persuaded", "forced", "compelled", "allowed",
    "permitted", "enabled", "helped", "supported", "backed", "opposed", "resisted",
)  # fmt: skip

ADVERBS = (
    "reportedly", "allegedly", "apparently", "officially", "openly", "quietly", "publicly",
    "privately", "repeatedly", "recently", "already", "still", "again", "once more", "now",
    "soon", "eventually", "gradually", "rapidly", "suddenly", "increasingly", "largely",
    "mostly", "partly", "hardly", "barely", "clearly", "firmly", "strongly", "directly",
    "indirectly", "effectively", "formally", "informally", "nevertheless", "however",
    "meanwhile", "moreover", "furthermore", "additionally", "instead", "otherwise",
)  # fmt: skip

FIRST_NAMES = (
    "Alexander", "Aleksei", "Andrei", "Anton", "Artem", "Boris", "Dmitry", "Denis", "Egor",
    "Ivan", "Igor", "Ilya", "Kirill", "Konstantin", "Leonid", "Maksim", "Mikhail", "Nikita",
    "Nikolai", "Oleg", "Pavel", "Roman", "Ruslan", "Sergei", "Stanislav", "Vadim", "Valery",
    "Viktor", "Vitaly", "Vladimir", "Yuri", "Yevgeny", "Anna", "Alena", "Darya", "Ekaterina",
    "Elena", "Irina", "Katsiaryna", "Maria", "Natalia", "Olga", "Svetlana", "Tatiana",
    "Yulia", "Volha", "Hanna", "Ales", "Uladzimir", "Siarhei", "Andrii", "Bohdan", "Dmytro",
    "Mykola", "Oleksandr", "Oleksii", "Serhii", "Taras", "Yaroslav", "Oksana", "Olena",
    "Iryna", "Kateryna", "Piotr", "Tomasz", "Marek", "Agnieszka", "Jonas", "Tomas",
    "Rasa", "John", "Michael", "David", "Sarah", "Emily", "James", "Robert", "Laura", "Anne",
    "Thomas", "Peter", "Mark", "Julia", "Christopher", "Daniel", "Rebecca", "Oliver",
)  # fmt: skip

SURNAME_ENDINGS = (
    "enko", "ovich", "evich", "ski", "sky", "ova", "ov", "ev", "uk", "chuk", "yeu", "ka",
    "ko", "in", "ina", "ets", "ak", "yk", "ich", "auskas", "aitis", "er", "son", "ley",
)  # fmt: skip

PLACE_ENDINGS = (
    "ichy", "ovo", "evka", "ivka", "ino", "ovsk", "avichy", "no", "ka", "ets", "iv", "ava",
    "shchyna", "polye", "gorod", "chytsy", "ishki", "any",
)  # fmt: skip

# Syllables for rare words and names; a few hundred combinations per length keep growing.
SYLLABLES = (
    "ba", "bel", "bor", "bra", "ca", "cha", "chi", "da", "del", "dor", "dro", "ga", "gal",
    "gor", "gra", "ha", "hal", "ka", "kal", "kor", "kra", "la", "lav", "lin", "lo", "ma",
    "mar", "mir", "mo", "na", "nel", "nik", "no", "pa", "pol", "pra", "ra", "ral", "ro", "sa",
    "sel", "shu", "sla", "so", "sta", "ta", "tal", "ter", "tro", "va", "val", "ver", "vo",
    "za", "zel", "zho", "zor", "bi", "de", "fe", "gi", "ke", "li", "me", "ni", "pe", "ri",
    "se", "ti", "ve", "zi", "an", "en", "in", "on", "ur", "al", "el", "ol", "ar", "or",
)  # fmt: skip

PREFIXES = (
    "re", "un", "pre", "post", "counter", "anti", "over", "under", "non", "semi", "inter",
    "sub", "super", "mis", "de", "co", "pro", "neo", "quasi", "pseudo", "ultra", "micro",
)  # fmt: skip

SUFFIXES = (
    "ness", "ment", "ity", "ism", "ist", "ation", "ization", "ship", "hood", "less", "ful",
    "able", "ible", "ive", "ous", "al", "ing", "ed", "er", "ly", "ism's", "wise", "dom", "ics",
)  # fmt: skip

MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

ROLES = (
    "the self-proclaimed president of Belarus", "the Kremlin spokesman",
    "Ukraine's foreign minister", "the head of the Belarusian General Staff",
    "a senior Ukrainian intelligence official", "an analyst at the Institute for the Study of War",
    "the leader of the Belarusian democratic forces", "Belarus's defence minister",
    "a Lithuanian military expert", "a spokesperson for the State Border Guard Service",
    "a former Belarusian officer", "the Russian foreign minister", "a NATO official",
    "a political scientist based in Vilnius", "the secretary of the Security Council",
    "a member of the Belarusian opposition", "a Polish deputy defence minister",
    "the commander of the Kalinouski Regiment", "a researcher at the Carnegie Endowment",
    "an adviser to the Ukrainian president's office", "the chief of the Belarusian KGB",
)  # fmt: skip

SENTENCES = (
    "{p} {v} that {s} would not send troops into {l}, but {j} {c} continued along the border.",
    "According to {o}, the {j} {c} near {l} {v} {d} {c} in recent weeks.",
    "The {j} {c} {e} {v} the {x} of {s} and its {j} {c}.",
    "{s} has {e} {v} its {c} near {l}, {o} said in a statement.",
    "Satellite images {v} by {o} show {d} {w} and a {j} {c} at {l}.",
    "{p} and {p} met in {l} on {m} {d} to discuss the {j} {c}.",
    "Analysts say the {x} of the {c} makes a {j} {c} from {s} {j}.",
    "The {u} {v} {j} {c} with units of the {u} near {l}.",
    "{n}, {r}, told {o} that the {c} was \u201c{j} but not {j}\u201d.",
    "In {m}, the {u} {v} {d} {c} and {w} to the {l} area.",
    "Residents of {v_} near {l} {v} seeing {j} {c} and {w} on the roads.",
    "{o} {v} that {d} {c} had been {v} from {l} to {l}.",
    "The {c} of {s} in the war remains {j}, {n} of {o} {v}.",
    "It is {j} that {p} will risk a {j} {c} while the {c} at home stays {j}.",
    "The {x} {v} by {p} drew a {j} response from {s} and {o}.",
    "A {j} {c} in {l} {v} {d} people, according to {o}.",
    "{p} has {e} {v} the {c}, calling it a {j} {x}.",
    "Officials in {l} {v} the {c} as a {j} {c} aimed at {s}.",
    "Since {m} {y}, {s} has {v} at least {d} {c} from its {j} {c}.",
    "The {j} {c} along the border with {s} {e} {v} the {x} of {n}.",
    "{w} systems {v} in {l} could reach {l} within minutes, {o} {v}.",
    "The {c} of the {u} is {e} {j}, and its {c} {j}, {n} {v}.",
    "Border guards of {s} {v} {d} {c} near {v_} over the past {d} days.",
    "{p} {v} the {c} after a {j} {c} with {p} in {l}.",
    "There is no {j} evidence of a {j} {c} near {l}, {o} {v}.",
    "Both {p} and {p} have {v} the idea of a {j} {c} in {s}.",
    "The {c} {v} that {s} and {s} had {v} a {j} {c} on {w}.",
    "Some {c} in {l} {e} {v} that the {x} could {v} the {c}.",
    "The {j} {x} of the {c} {v} many in {s}, where {d} per cent of respondents opposed it.",
    "{o} said the {u} had {v} {w} and {w} to its {j} {c}.",
    "A {c} in {l} cost {s} about {d} million dollars, {n} {v}.",
    "Earlier, {p} {v} that {s} was ready to {x} its {c} if {s} did.",
    "The {c} took place at the {l} {c}, {o} {v}, citing {j} {c}.",
    "Experts {v} that the {x} would take {d} months and {j} {c}.",
    "Meanwhile, {n}, {r}, {v} a {j} {c} about the {x}.",
    "The {j} {c} is {e} {v} by {s}, which {v} the {c} of {l}.",
)
"""Sentence templates: slots in braces, filled by the generator (see `_SLOT_FILLERS`)."""

QUOTES = (
    "We will not allow anyone to drag {s} into this war",
    "The {c} is {j}, and we are ready for any {c}",
    "Our {c} is {j}; {s} must understand that",
    "Nobody in {l} wants a {j} {c} with {s}",
    "There is no {c} of {w} near {l}, and there will not be",
    "The {x} of the {c} is a matter for {s} alone",
    "We see {j} {c} near our border every day",
    "If {s} crosses the line, the {c} will be {j}",
    "The {u} is {j} and {j}, and everyone knows it",
    "We have {v} {d} {c} and will {x} more",
    "This is a {j} {c}, not a {c}",
    "They are acutely aware that {w} can reach {l}",
)
"""Quoted speech templates, filled like sentences."""

HEADLINES = (
    "Will {s} join the war against {s}?",
    "{p} says {s} will not send troops to {l}",
    "{p} demands that {s} join war, while {p} keeps wiggling \u2013 {p}",
    "{s} moves {w} closer to the border with {s}",
    "{j} {c} in {s}: what the {c} near {l} means",
    "{o}: {j} {c} spotted near {l}",
    "{s} and {s} begin {j} {c} near {l}",
    "The stalled {c} increases pressure on {s} to join the invasion",
    "{p} warns of {j} {c} from {s}",
    "Why {s} is unlikely to attack {s} \u2014 for now",
    "{n}: the {x} of {p}'s {c}",
    "{u} put on {c} alert, {o} says",
    "{s} deploys {w} to {l} amid {j} {c}",
    "Explainer: {s}, {w} and the {j} {c}",
    "{p} meets {p} in {l} to discuss {c}",
)
"""Headline templates."""

BOILERPLATE = (
    "Advertisement",
    "Related articles",
    "Read More",
    "Please follow us on Facebook and Twitter",
    "Please Follow us on Google News",
    "Subscribe to our newsletter",
    "Leave a Comment",
    "Back to top button",
    "More for you",
    "Share this article",
    "Photo: Reuters",
    "Photo credit: AP Photo/Alexander Zemlianichenko",
    "Support independent journalism",
    "Click here to subscribe to our Telegram channel",
)
"""Lines scraped news carries around the text."""

_SLOT = re.compile(r"\{(\w+)\}")

_ACTORS_BY_KIND: dict[str, list[tuple[str, ...]]] = {}
for _entry in ACTORS:
    _ACTORS_BY_KIND.setdefault(_entry[0], []).append(_entry[1:])

_RARE_WORD_SPACE = 400_000
"""How many distinct rare words there can be; ranks are drawn log-uniformly below it."""
_LOG_RARE_WORD_SPACE = math.log(_RARE_WORD_SPACE)
_NAME_SPACE = 60_000
_LOG_NAME_SPACE = math.log(_NAME_SPACE)

_rare_words: dict[int, str] = {}
_surnames: dict[int, str] = {}
_villages: dict[int, str] = {}


def _syllables_for(rank: int, count: int) -> str:
    """Spell a rank as `count` syllables, so each rank maps to one fixed word."""
    parts = []
    for _ in range(count):
        rank, digit = divmod(rank, len(SYLLABLES))
        parts.append(SYLLABLES[digit])
    return "".join(parts)


def rare_word(rank: int) -> str:
    """The rare word of a rank: a prefixed or suffixed real word, or a syllable compound."""
    word = _rare_words.get(rank)
    if word is None:
        stems = NOUNS if rank % 2 else ADJECTIVES
        stem = stems[(rank // 3) % len(stems)].split()[-1].lower()
        shape = rank % 3
        if shape == 0:
            word = PREFIXES[(rank // 7) % len(PREFIXES)] + stem
            word += SUFFIXES[(rank // 101) % len(SUFFIXES)] if rank >= 3000 else ""
        elif shape == 1:
            word = stem + SUFFIXES[(rank // 5) % len(SUFFIXES)]
            word = _syllables_for(rank // 500, 1) + word if rank >= 12_000 else word
        else:
            word = _syllables_for(rank, 2 + rank % 2)
        _rare_words[rank] = word
    return word


def _surname(rank: int) -> str:
    name = _surnames.get(rank)
    if name is None:
        ending = SURNAME_ENDINGS[rank % len(SURNAME_ENDINGS)]
        name = _syllables_for(rank // len(SURNAME_ENDINGS), 2).capitalize() + ending
        _surnames[rank] = name
    return name


def _village(rank: int) -> str:
    name = _villages.get(rank)
    if name is None:
        ending = PLACE_ENDINGS[rank % len(PLACE_ENDINGS)]
        name = _syllables_for(rank // len(PLACE_ENDINGS) + 7, 2).capitalize() + ending
        _villages[rank] = name
    return name


def _log_rank(rng: random.Random, log_space: float) -> int:
    """A Zipf-like rank: log-uniform, so rank r is drawn with probability about 1/r."""
    return int(math.exp(rng.random() * log_space)) - 1


def _actor(rng: random.Random, kind: str) -> str:
    names = rng.choice(_ACTORS_BY_KIND[kind])
    # The canonical name most of the time; a variant now and then.
    return names[0] if rng.random() < 0.6 else rng.choice(names)


def _person_name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {_surname(_log_rank(rng, _LOG_NAME_SPACE))}"


def _number(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.5:
        return str(rng.randint(2, 30))
    if roll < 0.85:
        return str(rng.randint(30, 999))
    return f"{rng.randint(1, 99)},{rng.randint(0, 999):03d}"


_SLOT_FILLERS: dict[str, Callable[[random.Random], str]] = {
    "p": lambda rng: _actor(rng, "person"),
    "s": lambda rng: _actor(rng, "state"),
    "o": lambda rng: _actor(rng, "organisation"),
    "u": lambda rng: _actor(rng, "unit"),
    "l": lambda rng: _actor(rng, "place"),
    "w": lambda rng: _actor(rng, "weapon"),
    "n": _person_name,
    "v_": lambda rng: _village(_log_rank(rng, _LOG_NAME_SPACE)),
    "x": lambda rng: rare_word(_log_rank(rng, _LOG_RARE_WORD_SPACE)),
    "c": lambda rng: rng.choice(NOUNS),
    "j": lambda rng: rng.choice(ADJECTIVES),
    "v": lambda rng: rng.choice(VERBS),
    "e": lambda rng: rng.choice(ADVERBS),
    "r": lambda rng: rng.choice(ROLES),
    "d": _number,
    "m": lambda rng: rng.choice(MONTH_NAMES),
    "y": lambda rng: str(rng.randint(2020, 2025)),
}


def _compile(templates: tuple[str, ...]) -> list[list[str]]:
    """Split templates into alternating literal text and slot names, once."""
    return [_SLOT.split(template) for template in templates]


_SENTENCE_PARTS = _compile(SENTENCES)
_QUOTE_PARTS = _compile(QUOTES)
_HEADLINE_PARTS = _compile(HEADLINES)


def _fill(rng: random.Random, parts: list[str]) -> str:
    pieces = parts.copy()
    for index in range(1, len(pieces), 2):
        pieces[index] = _SLOT_FILLERS[pieces[index]](rng)
    text = "".join(pieces)
    return text[0].upper() + text[1:]


def _with_typo(rng: random.Random, text: str) -> str:
    """Swap, drop or double one letter, as hurried writers and scrapers do."""
    at = rng.randrange(1, len(text) - 2)
    if not (text[at].isalpha() and text[at + 1].isalpha()):
        return text
    roll = rng.random()
    if roll < 0.5:
        return text[:at] + text[at + 1] + text[at] + text[at + 2 :]
    if roll < 0.8:
        return text[:at] + text[at + 1 :]
    return text[:at] + text[at] + text[at:]


def _quote(rng: random.Random) -> str:
    said = _fill(rng, rng.choice(_QUOTE_PARTS))
    if rng.random() < 0.3:
        said += ". " + _fill(rng, rng.choice(_QUOTE_PARTS))
    speaker = _actor(rng, "person") if rng.random() < 0.7 else _person_name(rng)
    open_mark, close_mark = ("\u201c", "\u201d") if rng.random() < 0.7 else ('"', '"')
    shape = rng.randrange(5)
    if shape == 0:
        return f"{open_mark}{said},{close_mark} {speaker} said."
    if shape == 1:
        return f"{open_mark}{said},{close_mark} said {speaker}, {rng.choice(ROLES)}."
    if shape == 2:
        return f"{speaker} said: {open_mark}{said}.{close_mark}"
    if shape == 3:
        outlet = rng.choice(OUTLETS)
        return f"{open_mark}{said},{close_mark} {speaker} told {outlet}."
    return f"{open_mark}{said},{close_mark} {speaker} {rng.choice(VERBS)}."


def _paragraph(rng: random.Random) -> str:
    if rng.random() < 0.18:
        text = _quote(rng)
    else:
        count = rng.choice((1, 2, 2, 3, 3, 3, 4, 5))
        text = " ".join(_fill(rng, rng.choice(_SENTENCE_PARTS)) for _ in range(count))
    if rng.random() < 0.08:
        text = _with_typo(rng, text)
    return text


def _date_text(rng: random.Random) -> tuple[str, str]:
    """A publication date in one of the shapes news sites print: (text, ISO date)."""
    year, month, day = rng.randint(2020, 2025), rng.randint(1, 12), rng.randint(1, 28)
    hour, minute = rng.randint(0, 23), rng.randint(0, 59)
    name = MONTH_NAMES[month - 1]
    shapes = (
        f"{year}-{month:02d}-{day:02d}",
        f"{day:02d}.{month:02d}.{year} {hour:02d}:{minute:02d}",
        f"{name} {day}, {year}",
        f"{day} {name} {year}",
        f"{rng.choice(WEEKDAYS)}, {name} {day}, {year} {hour % 12 + 1}:{minute:02d}:"
        f"{rng.randint(0, 59):02d} {'AM' if hour < 12 else 'PM'}",
        f"{name[:3]} {day}, {year} {hour:02d}:{minute:02d} GMT",
        f"{year}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:00+03:00",
    )
    return rng.choice(shapes), f"{year}-{month:02d}-{day:02d}"


def _head(rng: random.Random) -> list[str]:
    """The lines above the body: outlet, headline, date, byline, in one of several layouts."""
    lines: list[str] = []
    outlet = rng.choice(OUTLETS)
    headline = _fill(rng, rng.choice(_HEADLINE_PARTS))
    date_text, _ = _date_text(rng)
    layout = rng.randrange(6)
    if rng.random() < 0.35:
        lines.append(outlet if rng.random() < 0.7 else f"https://www.{rng.choice(DOMAINS)}")
    if rng.random() < 0.05:
        lines.insert(0, ", , , , ,")
    if layout == 0:
        lines += [headline, date_text]
    elif layout == 1:
        lines += [f"date {date_text} {headline}"]
    elif layout == 2:
        lines += [f"{headline} {date_text} https://www.{rng.choice(DOMAINS)}"]
    elif layout == 3:
        lines += [headline, f"By {_person_name(rng)}", date_text]
    elif layout == 4:
        lines += [headline, f"{date_text} | {outlet}"]
    else:
        lines += [headline]
    return lines


def _article(rng: random.Random, long_article: bool) -> str:
    lines = _head(rng)
    body: list[str] = []
    if rng.random() < 0.1:
        city = _actor(rng, "place").upper()
        date_text, _ = _date_text(rng)
        body.append(f"{city}, {date_text} ({rng.choice(OUTLETS)}) \u2013 {_paragraph(rng)}")
    # Most articles are a few KB; a few are short notes, a very few run to hundreds of KB.
    if long_article:
        paragraphs = rng.randint(400, 3000)
    else:
        paragraphs = max(2, int(rng.lognormvariate(2.67, 0.45)))
    for _ in range(paragraphs):
        roll = rng.random()
        if roll < 0.015:
            body.append(rng.choice(BOILERPLATE))
        elif roll < 0.03:
            body.append(_fill(rng, rng.choice(_HEADLINE_PARTS)).rstrip("?"))
        body.append(_paragraph(rng))
    if rng.random() < 0.15:
        body.append(f"https://www.{rng.choice(DOMAINS)}/news/{rng.getrandbits(40)}.html")
    if rng.random() < 0.4:
        tail = ["Related articles"] + [
            _fill(rng, rng.choice(_HEADLINE_PARTS)) for _ in range(rng.randint(2, 4))
        ]
        body.append("\n".join(tail))
    if rng.random() < 0.3:
        body.append(rng.choice(BOILERPLATE))
    return "\n".join(lines) + "\n\n" + "\n\n".join(body) + "\n"


def _article_rng(seed: int, index: int) -> random.Random:
    """Each article's own generator, so corpora with one seed share their first articles."""
    return random.Random(f"belreader-{GENERATOR_VERSION}-{seed}-{index}")


def iter_articles(n: int, seed: int = 0) -> Iterator[tuple[str, str]]:
    """Yield `n` articles as (file name, text), reproducibly from `seed`."""
    for index in range(n):
        rng = _article_rng(seed, index)
        long_article = rng.random() < 0.001
        text = _article(rng, long_article)
        yield f"{index:06d}_{rng.getrandbits(64):016x}.txt", text


def generate_articles(n: int, seed: int = 0) -> list[tuple[str, str]]:
    """Generate `n` news-like articles as (file name, text), reproducibly from `seed`."""
    return list(iter_articles(n, seed))


def corpus_folder(n: int, seed: int, directory: Path) -> Path:
    """Where `write_corpus` keeps the corpus of `n` articles from `seed` under `directory`."""
    return Path(directory) / f"news-v{GENERATOR_VERSION}-n{n}-seed{seed}"


def write_corpus(n: int, seed: int, directory: Path) -> Path:
    """Write `n` articles from `seed` into a folder under `directory`, or reuse a complete one.

    The corpus is written into a temporary folder and renamed into place when complete, so a
    concurrent writer or an interrupted run never leaves a half corpus that looks finished.
    """
    folder = corpus_folder(n, seed, directory)
    if (folder / COMPLETE_MARKER).is_file():
        return folder
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    try:
        total_bytes = 0
        for name, text in iter_articles(n, seed):
            data = text.encode("utf-8")
            total_bytes += len(data)
            with open(staging / name, "wb") as handle:
                handle.write(data)
        marker = {"n": n, "seed": seed, "bytes": total_bytes, "version": GENERATOR_VERSION}
        (staging / COMPLETE_MARKER).write_text(json.dumps(marker) + "\n", encoding="utf-8")
        staging.chmod(0o755)  # mkdtemp makes it private; a corpus is ordinary shared data
        if folder.exists():
            # An incomplete leftover, or another writer finished first: keep a complete one.
            if (folder / COMPLETE_MARKER).is_file():
                return folder
            shutil.rmtree(folder)
        try:
            os.rename(staging, folder)
        except OSError:
            if not (folder / COMPLETE_MARKER).is_file():
                raise
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return folder


def main(argv: list[str] | None = None) -> int:
    """Write a corpus from the command line and say where it is."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.generate",
        description="Generate a reproducible corpus of synthetic news articles.",
    )
    parser.add_argument("n", type=int, help="how many articles")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument(
        "--out", type=Path, default=Path("benchmarks/.corpora"), help="parent folder"
    )
    args = parser.parse_args(argv)
    if args.n < 0:
        parser.error("N must not be negative")
    started = time.perf_counter()
    folder = write_corpus(args.n, args.seed, args.out)
    size = sum(entry.stat().st_size for entry in os.scandir(folder) if entry.is_file())
    elapsed = time.perf_counter() - started
    print(f"{folder} ({args.n} articles, {size / 1e6:.1f} MB) in {elapsed:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
