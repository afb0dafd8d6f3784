"""Quantity extraction: spans, intervals, qualifiers, units and counted nouns, German and English."""
from __future__ import annotations

import pytest

from checker.extract.quantities import counted_key, extract, scan
from checker.models import Article, Sentence

# (lang, sentence, span text, span start, (low, high, low_closed, high_closed), qualifier,
#  qualifier_text, vague, unit, dimension, (base low, base high), precision in base units, counted_key)
FIGURES = [
    ('de', 'Nordkorea hat mehr als 1.000 Container mit Rüstungsgütern an Russland geliefert.', 'mehr als 1.000 Container', 14, (1000.0, None, False, True), 'more_than', 'mehr als', False, None, 'count', (1000.0, None), 1000.0, 'container'),
    ('de', 'Kirby sagte, es seien bis zu 1000 Container mit Munition gewesen.', 'bis zu 1000 Container', 22, (0.0, 1000.0, True, True), 'up_to', 'bis zu', False, None, 'count', (0.0, 1000.0), 1000.0, 'container'),
    ('de', 'Seit September seien mehr als 1000 Container verschifft worden.', 'mehr als 1000 Container', 21, (1000.0, None, False, True), 'more_than', 'mehr als', False, None, 'count', (1000.0, None), 1000.0, 'container'),
    ('de', 'Satellitenbilder zeigen Hunderter Container im Hafen.', 'Hunderter Container', 24, (200.0, 999.0, True, True), None, None, True, None, 'count', (200.0, 999.0), None, 'container'),
    ('de', 'Die Frachter transportieren wiederholt Hunderte von Containern.', 'Hunderte von Containern', 39, (200.0, 999.0, True, True), None, None, True, None, 'count', (200.0, 999.0), None, 'container'),
    ('de', 'Die Rakete hat eine Reichweite von etwa 885 Kilometern.', 'etwa 885 Kilometern', 35, (796.5, 973.5, True, True), 'about', 'etwa', False, 'kilometer', 'length', (796500.0, 973500.0), 1000.0, 'reichweit'),
    ('de', 'Laut dem Bericht haben zwei unter russischer Flagge fahrende Schiffe mehrere Fahrten absolviert.', 'zwei unter russischer Flagge fahrende Schiffe', 23, (2.0, 2.0, True, True), None, None, False, None, 'count', (2.0, 2.0), 1.0, 'schiff'),
    ('de', 'Laut dem Bericht haben zwei unter russischer Flagge fahrende Schiffe mehrere Fahrten absolviert.', 'mehrere Fahrten', 69, (2.0, None, True, True), None, None, True, None, 'count', (2.0, None), None, 'fahrt'),
    ('de', 'Bei dem Erdbeben kamen mindestens 17 Menschen ums Leben.', 'mindestens 17 Menschen', 23, (17.0, None, True, True), 'at_least', 'mindestens', False, None, 'count', (17.0, None), 1.0, 'mensch'),
    ('de', 'Mehr als 2.000 Helfer suchen nach Verschütteten.', 'Mehr als 2.000 Helfer', 0, (2000.0, None, False, True), 'more_than', 'Mehr als', False, None, 'count', (2000.0, None), 1000.0, 'helfer'),
    ('de', 'Das Beben hatte eine Stärke von 5,1.', '5,1', 32, (5.1, 5.1, True, True), None, None, False, None, 'count', (5.1, 5.1), 0.1, 'stark'),
    ('de', 'Die Stadt mit rund 90.000 Einwohnern ist schwer getroffen.', 'rund 90.000 Einwohnern', 14, (81000.0, 99000.0, True, True), 'about', 'rund', False, None, 'count', (81000.0, 99000.0), 10000.0, 'einwohner'),
    ('de', 'Es gab drei Tote und zweihundertfünfzig Verletzte.', 'drei Tote', 7, (3.0, 3.0, True, True), None, None, False, None, 'count', (3.0, 3.0), 1.0, 'tot'),
    ('de', 'Es gab drei Tote und zweihundertfünfzig Verletzte.', 'zweihundertfünfzig Verletzte', 21, (250.0, 250.0, True, True), None, None, False, None, 'count', (250.0, 250.0), 10.0, 'verletzt'),
    ('de', 'Knapp 1.500 Menschen mussten ihre Häuser verlassen.', 'Knapp 1.500 Menschen', 0, (1350.0, 1500.0, True, False), 'almost', 'Knapp', False, None, 'count', (1350.0, 1500.0), 100.0, 'mensch'),
    ('de', 'Der Pegel erreichte 6,40 Meter.', '6,40 Meter', 20, (6.4, 6.4, True, True), None, None, False, 'meter', 'length', (6.4, 6.4), 0.01, None),
    ('de', 'In der Nacht fielen über 100 Millimeter Regen.', 'über 100 Millimeter', 20, (100.0, None, False, True), 'more_than', 'über', False, 'millimeter', 'length', (0.1, None), 0.1, None),
    ('de', 'Der Konzern bietet 8,4 Milliarden Euro für den Rivalen.', '8,4 Milliarden Euro', 19, (8400000000.0, 8400000000.0, True, True), None, None, False, 'EUR', 'currency:EUR', (8400000000.0, 8400000000.0), 100000000.0, None),
    ('de', 'Der Umsatz stieg um 12 Prozent auf 68,7 Mrd. Euro.', '12 Prozent', 20, (12.0, 12.0, True, True), None, None, False, 'percent', 'percent', (12.0, 12.0), 1.0, None),
    ('de', 'Der Umsatz stieg um 12 Prozent auf 68,7 Mrd. Euro.', '68,7 Mrd. Euro', 35, (68700000000.0, 68700000000.0, True, True), None, None, False, 'EUR', 'currency:EUR', (68700000000.0, 68700000000.0), 100000000.0, None),
    ('de', 'Die Übernahme kostet rund 69 Mrd. US-Dollar.', 'rund 69 Mrd. US-Dollar', 21, (62100000000.0, 75900000000.0, True, True), 'about', 'rund', False, 'USD', 'currency:USD', (62100000000.0, 75900000000.0), 1000000000.0, None),
    ('de', 'Das Sparprogramm soll 1,5 Mio. Euro bringen.', '1,5 Mio. Euro', 22, (1500000.0, 1500000.0, True, True), None, None, False, 'EUR', 'currency:EUR', (1500000.0, 1500000.0), 100000.0, None),
    ('de', 'Weltweit leben 2 Millionen Menschen in der Region.', '2 Millionen Menschen', 15, (2000000.0, 2000000.0, True, True), None, None, False, None, 'count', (2000000.0, 2000000.0), 1000000.0, 'mensch'),
    ('de', 'Zwischen 10 und 15 Soldaten wurden verletzt.', 'Zwischen 10 und 15 Soldaten', 0, (10.0, 15.0, True, True), 'range', 'Zwischen', False, None, 'count', (10.0, 15.0), 10.0, 'soldat'),
    ('de', 'Es wurden 3 bis 5 Häuser zerstört.', '3 bis 5 Häuser', 10, (3.0, 5.0, True, True), 'range', None, False, None, 'count', (3.0, 5.0), 1.0, 'hauser'),
    ('de', 'Die Inflation lag bei 10-15 Prozent.', '10-15 Prozent', 22, (10.0, 15.0, True, True), 'range', None, False, 'percent', 'percent', (10.0, 15.0), 10.0, None),
    ('de', 'Dutzende hochauflösender Satellitenbilder belegen das.', 'Dutzende hochauflösender Satellitenbilder', 0, (24.0, 99.0, True, True), None, None, True, None, 'count', (24.0, 99.0), None, 'satellitenbilder'),
    ('de', 'Tausende Menschen demonstrierten in der Hauptstadt.', 'Tausende Menschen', 0, (2000.0, 999999.0, True, True), None, None, True, None, 'count', (2000.0, 999999.0), None, 'mensch'),
    ('de', 'Bis zu 1.500 Stellen sollen wegfallen.', 'Bis zu 1.500 Stellen', 0, (0.0, 1500.0, True, True), 'up_to', 'Bis zu', False, None, 'count', (0.0, 1500.0), 100.0, 'stell'),
    ('de', 'Der Konzern beschäftigt 11.800 Mitarbeiter in 23 Ländern.', '11.800 Mitarbeiter', 24, (11800.0, 11800.0, True, True), None, None, False, None, 'count', (11800.0, 11800.0), 100.0, 'mitarbeiter'),
    ('de', 'Der Konzern beschäftigt 11.800 Mitarbeiter in 23 Ländern.', '23 Ländern', 46, (23.0, 23.0, True, True), None, None, False, None, 'count', (23.0, 23.0), 1.0, 'lander'),
    ('de', 'Fast 70 Prozent der Wähler stimmten zu.', 'Fast 70 Prozent', 0, (63.0, 70.0, True, False), 'almost', 'Fast', False, 'percent', 'percent', (63.0, 70.0), 10.0, 'wahler'),
    ('de', 'Die Aktie verlor knapp drei Prozent.', 'knapp drei Prozent', 17, (2.7, 3.0, True, False), 'almost', 'knapp', False, 'percent', 'percent', (2.7, 3.0), 1.0, None),
    ('de', 'Der Zug fuhr mit 160 km/h durch den Bahnhof.', '160 km/h', 17, (160.0, 160.0, True, True), None, None, False, 'kilometer / hour', 'speed', (44.4444444444, 44.4444444444), 2.77777777778, None),
    ('de', 'Das Feuer zerstörte 12.000 Hektar Wald.', '12.000 Hektar', 20, (12000.0, 12000.0, True, True), None, None, False, 'hectare', 'area', (120000000.0, 120000000.0), 10000000.0, None),
    ('de', 'Die Temperatur fiel auf -5 Grad.', '-5 Grad', 24, (-5.0, -5.0, True, True), None, None, False, 'degree_Celsius', 'temperature', (268.15, 268.15), 1.0, None),
    ('de', 'Weniger als 50 Personen nahmen teil.', 'Weniger als 50 Personen', 0, (0.0, 50.0, True, False), 'less_than', 'Weniger als', False, None, 'count', (0.0, 50.0), 10.0, 'person'),
    ('de', 'Höchstens 30 Teilnehmer sind zugelassen.', 'Höchstens 30 Teilnehmer', 0, (0.0, 30.0, True, True), 'up_to', 'Höchstens', False, None, 'count', (0.0, 30.0), 10.0, 'teilnehmer'),
    ('de', 'Ungefähr 250 Tonnen Hilfsgüter wurden geliefert.', 'Ungefähr 250 Tonnen', 0, (225.0, 275.0, True, True), 'about', 'Ungefähr', False, 'metric_ton', 'mass', (225000.0, 275000.0), 10000.0, None),
    ('de', 'Die Verhandlungen dauerten zwölf Stunden.', 'zwölf Stunden', 27, (12.0, 12.0, True, True), None, None, False, 'hour', 'time', (43200.0, 43200.0), 3600.0, None),
    ('de', 'Das Paket hat ein Volumen von zwei Milliarden Euro.', 'zwei Milliarden Euro', 30, (2000000000.0, 2000000000.0, True, True), None, None, False, 'EUR', 'currency:EUR', (2000000000.0, 2000000000.0), 1000000000.0, 'volum'),
    ('de', 'Rund ein Dutzend Ministerinnen reisten an.', 'Rund ein Dutzend Ministerinnen', 0, (10.8, 13.2, True, True), 'about', 'Rund', False, None, 'count', (10.8, 13.2), 12.0, 'minister'),
    ('de', 'Zweitausend Soldaten sind im Einsatz.', 'Zweitausend Soldaten', 0, (2000.0, 2000.0, True, True), None, None, False, None, 'count', (2000.0, 2000.0), 1000.0, 'soldat'),
    ('de', 'Die Polizei nahm mehrere hundert Demonstranten fest.', 'mehrere hundert Demonstranten', 17, (200.0, 999.0, True, True), None, None, True, None, 'count', (200.0, 999.0), None, 'demonstrant'),
    ('de', 'Der 62-Jährige wurde festgenommen.', '62-Jährige', 4, (62.0, 62.0, True, True), None, None, False, None, 'count', (62.0, 62.0), 1.0, 'jahrig'),
    ('de', 'Der Sturm erreichte 120 Stundenkilometer.', '120 Stundenkilometer', 20, (120.0, 120.0, True, True), None, None, False, 'kilometer / hour', 'speed', (33.3333333333, 33.3333333333), 2.77777777778, None),
    ('de', 'Etwa 140 Fahrgäste saßen im Zug.', 'Etwa 140 Fahrgäste', 0, (126.0, 154.0, True, True), 'about', 'Etwa', False, None, 'count', (126.0, 154.0), 10.0, 'fahrgast'),
    ('de', 'Die Strecke ist rund 80 Kilometer lang.', 'rund 80 Kilometer', 16, (72.0, 88.0, True, True), 'about', 'rund', False, 'kilometer', 'length', (72000.0, 88000.0), 10000.0, None),
    ('de', 'Beinahe 40.000 Zuschauer kamen ins Stadion.', 'Beinahe 40.000 Zuschauer', 0, (36000.0, 40000.0, True, False), 'almost', 'Beinahe', False, None, 'count', (36000.0, 40000.0), 10000.0, 'zuschauer'),
    ('de', 'Die Gemeinde zahlte 350.000 Franken Entschädigung.', '350.000 Franken', 20, (350000.0, 350000.0, True, True), None, None, False, 'CHF', 'currency:CHF', (350000.0, 350000.0), 10000.0, None),
    ('de', 'Das Unternehmen machte einen Verlust von 1,96 Milliarden Euro.', '1,96 Milliarden Euro', 41, (1960000000.0, 1960000000.0, True, True), None, None, False, 'EUR', 'currency:EUR', (1960000000.0, 1960000000.0), 10000000.0, 'verlust'),
    ('de', 'Der Tanker verlor 5000 Tonnen Öl.', '5000 Tonnen', 18, (5000.0, 5000.0, True, True), None, None, False, 'metric_ton', 'mass', (5000000.0, 5000000.0), 1000000.0, None),
    ('de', 'Mehr als 50 Menschen wurden verletzt, acht von ihnen schwer.', 'Mehr als 50 Menschen', 0, (50.0, None, False, True), 'more_than', 'Mehr als', False, None, 'count', (50.0, None), 10.0, 'mensch'),
    ('de', 'Mehr als 50 Menschen wurden verletzt, acht von ihnen schwer.', 'acht', 38, (8.0, 8.0, True, True), None, None, False, None, 'count', (8.0, 8.0), 1.0, None),
    ('de', 'Zahlreiche Gebäude stürzten ein.', 'Zahlreiche Gebäude', 0, (5.0, None, True, True), None, None, True, None, 'count', (5.0, None), None, 'gebaud'),
    ('de', 'Die Armee feuerte zwei mit Sprengstoff beladene Drohnen ab.', 'zwei mit Sprengstoff beladene Drohnen', 18, (2.0, 2.0, True, True), None, None, False, None, 'count', (2.0, 2.0), 1.0, 'drohn'),
    ('de', 'Die Sanierung soll 2,5 Mio. Euro kosten.', '2,5 Mio. Euro', 19, (2500000.0, 2500000.0, True, True), None, None, False, 'EUR', 'currency:EUR', (2500000.0, 2500000.0), 100000.0, None),
    ('de', 'Der Reaktor liefert 1.400 Megawatt.', '1.400 Megawatt', 20, (1400.0, 1400.0, True, True), None, None, False, 'megawatt', 'power', (1400000000.0, 1400000000.0), 100000000.0, None),
    ('de', 'Hunderttausende Menschen sind auf der Flucht.', 'Hunderttausende Menschen', 0, (200000.0, 999999.0, True, True), None, None, True, None, 'count', (200000.0, 999999.0), None, 'mensch'),
    ('de', 'Das Schiff legte 550 Seemeilen zurück.', '550 Seemeilen', 17, (550.0, 550.0, True, True), None, None, False, 'nautical_mile', 'length', (1018600.0, 1018600.0), 18520.0, None),
    ('de', 'Im Jahr 2022 starben 2000 Menschen auf der Route.', '2000 Menschen', 21, (2000.0, 2000.0, True, True), None, None, False, None, 'count', (2000.0, 2000.0), 1000.0, 'mensch'),
    ('de', 'Die Mission kostet mindestens 3 Milliarden Dollar.', 'mindestens 3 Milliarden Dollar', 19, (3000000000.0, None, True, True), 'at_least', 'mindestens', False, 'USD', 'currency:USD', (3000000000.0, None), 1000000000.0, None),
    ('de', 'Die Mieten stiegen um 4,5 Prozentpunkte.', '4,5 Prozentpunkte', 22, (4.5, 4.5, True, True), None, None, False, 'percentage_point', 'percentage_point', (4.5, 4.5), 0.1, None),
    ('de', 'Einige Anwohner wurden evakuiert.', 'Einige Anwohner', 0, (2.0, None, True, True), None, None, True, None, 'count', (2.0, None), None, 'anwohner'),
    ('de', 'Sie liefen eineinhalb Kilometer bis zum Ufer.', 'eineinhalb Kilometer', 11, (1.5, 1.5, True, True), None, None, False, 'kilometer', 'length', (1500.0, 1500.0), 1000.0, None),
    ('de', 'Die Firma will 300 neue Stellen schaffen.', '300 neue Stellen', 15, (300.0, 300.0, True, True), None, None, False, None, 'count', (300.0, 300.0), 100.0, 'stell'),
    ('de', 'Nahezu 9.000 Haushalte sind ohne Strom.', 'Nahezu 9.000 Haushalte', 0, (8100.0, 9000.0, True, False), 'almost', 'Nahezu', False, None, 'count', (8100.0, 9000.0), 1000.0, 'haushalt'),
    ('en', 'More than 1,000 containers were shipped to Russia.', 'More than 1,000 containers', 0, (1000.0, None, False, True), 'more_than', 'More than', False, None, 'count', (1000.0, None), 1000.0, 'container'),
    ('en', 'Officials said up to 1,000 containers had been delivered.', 'up to 1,000 containers', 15, (0.0, 1000.0, True, True), 'up_to', 'up to', False, None, 'count', (0.0, 1000.0), 1000.0, 'container'),
    ('en', 'The missile has a range of about 550 miles.', 'about 550 miles', 27, (495.0, 605.0, True, True), 'about', 'about', False, 'mile', 'length', (796625.28, 973653.12), 16093.44, 'range'),
    ('en', 'Hundreds of containers were seen at the port.', 'Hundreds of containers', 0, (200.0, 999.0, True, True), None, None, True, None, 'count', (200.0, 999.0), None, 'container'),
    ('en', 'The company reported revenue of $68.7 billion last year.', '$68.7 billion', 32, (68700000000.0, 68700000000.0, True, True), None, None, False, 'USD', 'currency:USD', (68700000000.0, 68700000000.0), 100000000.0, 'revenue'),
    ('en', 'Shares rose 12% after the announcement.', '12%', 12, (12.0, 12.0, True, True), None, None, False, 'percent', 'percent', (12.0, 12.0), 1.0, None),
    ('en', 'The fund is worth €3bn.', '€3bn', 18, (3000000000.0, 3000000000.0, True, True), None, None, False, 'EUR', 'currency:EUR', (3000000000.0, 3000000000.0), 1000000000.0, None),
    ('en', 'The deal values the group at 68.7bn dollars.', '68.7bn dollars', 29, (68700000000.0, 68700000000.0, True, True), None, None, False, 'USD', 'currency:USD', (68700000000.0, 68700000000.0), 100000000.0, None),
    ('en', 'The charity received £5m from donors.', '£5m', 21, (5000000.0, 5000000.0, True, True), None, None, False, 'GBP', 'currency:GBP', (5000000.0, 5000000.0), 1000000.0, None),
    ('en', 'At least 12 people were killed in the crash.', 'At least 12 people', 0, (12.0, None, True, True), 'at_least', 'At least', False, None, 'count', (12.0, None), 1.0, 'person'),
    ('en', 'Thirty injured were taken to hospital.', 'Thirty injured', 0, (30.0, 30.0, True, True), None, None, False, None, 'count', (30.0, 30.0), 10.0, 'injured'),
    ('en', 'Between 10 and 15 soldiers died in the attack.', 'Between 10 and 15 soldiers', 0, (10.0, 15.0, True, True), 'range', 'Between', False, None, 'count', (10.0, 15.0), 10.0, 'soldier'),
    ('en', 'Turnout fell 20 to 25 percent in rural areas.', '20 to 25 percent', 13, (20.0, 25.0, True, True), 'range', None, False, 'percent', 'percent', (20.0, 25.0), 10.0, None),
    ('en', 'Nearly two hundred villagers fled the flames.', 'Nearly two hundred villagers', 0, (180.0, 200.0, True, False), 'almost', 'Nearly', False, None, 'count', (180.0, 200.0), 100.0, 'villager'),
    ('en', 'A dozen homes burned overnight.', 'A dozen homes', 0, (12.0, 12.0, True, True), None, None, False, None, 'count', (12.0, 12.0), 12.0, 'home'),
    ('en', 'Several bridges collapsed under the weight of the water.', 'Several bridges', 0, (2.0, None, True, True), None, None, True, None, 'count', (2.0, None), None, 'bridge'),
    ('en', 'Temperatures reached 45 degrees Celsius.', '45 degrees Celsius', 21, (45.0, 45.0, True, True), None, None, False, 'degree_Celsius', 'temperature', (318.15, 318.15), 1.0, None),
    ('en', 'A thousand protesters marched through the city.', 'A thousand protesters', 0, (1000.0, 1000.0, True, True), None, None, False, None, 'count', (1000.0, 1000.0), 1000.0, 'protester'),
    ('en', 'About 1.5 million people watched the final.', 'About 1.5 million people', 0, (1350000.0, 1650000.0, True, True), 'about', 'About', False, None, 'count', (1350000.0, 1650000.0), 100000.0, 'person'),
    ('en', 'Some 300 firefighters battled the blaze.', 'Some 300 firefighters', 0, (270.0, 330.0, True, True), 'about', 'Some', False, None, 'count', (270.0, 330.0), 100.0, 'firefighter'),
    ('en', 'The fire has burned 12,000 hectares.', '12,000 hectares', 20, (12000.0, 12000.0, True, True), None, None, False, 'hectare', 'area', (120000000.0, 120000000.0), 10000000.0, None),
    ('en', 'Thousands of people were evacuated.', 'Thousands of people', 0, (2000.0, 999999.0, True, True), None, None, True, None, 'count', (2000.0, 999999.0), None, 'person'),
    ('en', 'Dozens of ships waited outside the harbour.', 'Dozens of ships', 0, (24.0, 99.0, True, True), None, None, True, None, 'count', (24.0, 99.0), None, 'ship'),
    ('en', 'Just under 40,000 fans attended the match.', 'Just under 40,000 fans', 0, (36000.0, 40000.0, True, False), 'almost', 'Just under', False, None, 'count', (36000.0, 40000.0), 10000.0, 'fan'),
    ('en', 'The blaze covered 9,200 acres by Tuesday.', '9,200 acres', 18, (9200.0, 9200.0, True, True), None, None, False, 'acre', 'area', (37231228.0108, 37231228.0108), 404687.260987, None),
    ('en', 'The storm brought winds of 120 mph.', '120 mph', 27, (120.0, 120.0, True, True), None, None, False, 'mile / hour', 'speed', (53.6448, 53.6448), 4.4704, 'wind'),
    ('en', 'Fewer than 500 votes separated the candidates.', 'Fewer than 500 votes', 0, (0.0, 500.0, True, False), 'less_than', 'Fewer than', False, None, 'count', (0.0, 500.0), 100.0, 'vote'),
    ('en', 'No more than 20 visitors are allowed.', 'No more than 20 visitors', 0, (0.0, 20.0, True, True), 'up_to', 'No more than', False, None, 'count', (0.0, 20.0), 10.0, 'visitor'),
    ('en', 'The plant produces 1,400 MW of power.', '1,400 MW', 19, (1400.0, 1400.0, True, True), None, None, False, 'megawatt', 'power', (1400000000.0, 1400000000.0), 100000000.0, None),
    ('en', 'The company will cut 1,900 jobs.', '1,900 jobs', 21, (1900.0, 1900.0, True, True), None, None, False, None, 'count', (1900.0, 1900.0), 100.0, 'job'),
    ('en', 'Tens of thousands of people lost power.', 'Tens of thousands of people', 0, (20000.0, 99999.0, True, True), None, None, True, None, 'count', (20000.0, 99999.0), None, 'person'),
    ('en', 'The ship carried 5,000 tonnes of grain.', '5,000 tonnes', 17, (5000.0, 5000.0, True, True), None, None, False, 'metric_ton', 'mass', (5000000.0, 5000000.0), 1000000.0, None),
    ('en', 'Roughly 8% of staff will leave.', 'Roughly 8%', 0, (7.2, 8.8, True, True), 'about', 'Roughly', False, 'percent', 'percent', (7.2, 8.8), 1.0, 'staff'),
    ('en', 'The company employs 22,000 people worldwide.', '22,000 people', 20, (22000.0, 22000.0, True, True), None, None, False, None, 'count', (22000.0, 22000.0), 1000.0, 'person'),
    ('en', 'Two people died in the fire.', 'Two people', 0, (2.0, 2.0, True, True), None, None, False, None, 'count', (2.0, 2.0), 1.0, 'person'),
    ('en', 'The trek took three days on foot.', 'three days', 14, (3.0, 3.0, True, True), None, None, False, 'day', 'time', (259200.0, 259200.0), 86400.0, None),
    ('en', 'Over 100 millimetres of rain fell.', 'Over 100 millimetres', 0, (100.0, None, False, True), 'more_than', 'Over', False, 'millimeter', 'length', (0.1, None), 0.1, None),
    ('en', 'The price was $95 per share.', '$95', 14, (95.0, 95.0, True, True), None, None, False, 'USD', 'currency:USD', (95.0, 95.0), 1.0, None),
    ('en', 'The plane was carrying 150 passengers and six crew.', '150 passengers', 23, (150.0, 150.0, True, True), None, None, False, None, 'count', (150.0, 150.0), 10.0, 'passenger'),
    ('en', 'The plane was carrying 150 passengers and six crew.', 'six crew', 42, (6.0, 6.0, True, True), None, None, False, None, 'count', (6.0, 6.0), 1.0, 'crew'),
    ('en', 'An estimated 2,500 people live on the island.', 'An estimated 2,500 people', 0, (2250.0, 2750.0, True, True), 'about', 'An estimated', False, None, 'count', (2250.0, 2750.0), 100.0, 'person'),
    ('en', 'The hospital treated 45 wounded.', '45 wounded', 21, (45.0, 45.0, True, True), None, None, False, None, 'count', (45.0, 45.0), 1.0, 'wounded'),
    ('en', 'A 71-year-old man died.', '71-year-old', 2, (71.0, 71.0, True, True), None, None, False, None, 'count', (71.0, 71.0), 1.0, 'year-old'),
    ('en', 'The temperature hit 100 degrees Fahrenheit.', '100 degrees Fahrenheit', 20, (100.0, 100.0, True, True), None, None, False, 'degree_Fahrenheit', 'temperature', (310.927777778, 310.927777778), 55.5555555556, None),
    ('en', 'Investors lost 2.3 billion euros.', '2.3 billion euros', 15, (2300000000.0, 2300000000.0, True, True), None, None, False, 'EUR', 'currency:EUR', (2300000000.0, 2300000000.0), 100000000.0, None),
    ('de', 'Die Kosten stiegen von 5 auf 7 Milliarden Euro.', '5', 23, (5000000000.0, 5000000000.0, True, True), None, None, False, 'EUR', 'currency:EUR', (5000000000.0, 5000000000.0), 1000000000.0, None),
    ('de', 'Die Kosten stiegen von 5 auf 7 Milliarden Euro.', '7 Milliarden Euro', 29, (7000000000.0, 7000000000.0, True, True), None, None, False, 'EUR', 'currency:EUR', (7000000000.0, 7000000000.0), 1000000000.0, None),
    ('de', 'Zwischen 1,5 und 2 Millionen Menschen flohen.', 'Zwischen 1,5 und 2 Millionen Menschen', 0, (1500000.0, 2000000.0, True, True), 'range', 'Zwischen', False, None, 'count', (1500000.0, 2000000.0), 100000.0, 'mensch'),
    ('de', 'Es kamen 1 Million bis 2 Millionen Besucher.', '1 Million bis 2 Millionen Besucher', 9, (1000000.0, 2000000.0, True, True), 'range', None, False, None, 'count', (1000000.0, 2000000.0), 1000000.0, 'besucher'),
    ('de', 'Der Schaden beläuft sich auf Hunderte Millionen Euro.', 'Hunderte Millionen Euro', 29, (200000000.0, 999000000.0, True, True), None, None, True, 'EUR', 'currency:EUR', (200000000.0, 999000000.0), None, None),
    ('de', 'Der Anteil stieg von 12 auf 15 Prozent.', '12', 21, (12.0, 12.0, True, True), None, None, False, 'percent', 'percent', (12.0, 12.0), 1.0, None),
    ('de', 'Der Anteil stieg von 12 auf 15 Prozent.', '15 Prozent', 28, (15.0, 15.0, True, True), None, None, False, 'percent', 'percent', (15.0, 15.0), 1.0, None),
    ('de', 'Die Flut traf Bayern, drei Menschen starben, 40 wurden verletzt.', 'drei Menschen', 22, (3.0, 3.0, True, True), None, None, False, None, 'count', (3.0, 3.0), 1.0, 'mensch'),
    ('de', 'Die Flut traf Bayern, drei Menschen starben, 40 wurden verletzt.', '40', 45, (40.0, 40.0, True, True), None, None, False, None, 'count', (40.0, 40.0), 10.0, None),
    ('de', 'Die Feuerwehr pumpte 3.500 Kubikmeter Wasser ab.', '3.500 Kubikmeter', 21, (3500.0, 3500.0, True, True), None, None, False, 'meter ** 3', 'volume', (3500.0, 3500.0), 100.0, None),
    ('de', 'Der Damm ist 1.200 Meter lang und 30 Meter hoch.', '1.200 Meter', 13, (1200.0, 1200.0, True, True), None, None, False, 'meter', 'length', (1200.0, 1200.0), 100.0, None),
    ('de', 'Der Damm ist 1.200 Meter lang und 30 Meter hoch.', '30 Meter', 34, (30.0, 30.0, True, True), None, None, False, 'meter', 'length', (30.0, 30.0), 10.0, None),
    ('de', 'Das Beben der Stärke 6,8 tötete 604 Menschen.', '6,8', 21, (6.8, 6.8, True, True), None, None, False, None, 'count', (6.8, 6.8), 0.1, 'stark'),
    ('de', 'Das Beben der Stärke 6,8 tötete 604 Menschen.', '604 Menschen', 32, (604.0, 604.0, True, True), None, None, False, None, 'count', (604.0, 604.0), 1.0, 'mensch'),
    ('de', 'Der Verein zahlte eine Ablöse von 98 Mio. Euro.', '98 Mio. Euro', 34, (98000000.0, 98000000.0, True, True), None, None, False, 'EUR', 'currency:EUR', (98000000.0, 98000000.0), 1000000.0, 'ablos'),
    ('en', 'Revenue rose from $5bn to $7bn.', '$5bn', 18, (5000000000.0, 5000000000.0, True, True), None, None, False, 'USD', 'currency:USD', (5000000000.0, 5000000000.0), 1000000000.0, None),
    ('en', 'Revenue rose from $5bn to $7bn.', '$7bn', 26, (7000000000.0, 7000000000.0, True, True), None, None, False, 'USD', 'currency:USD', (7000000000.0, 7000000000.0), 1000000000.0, None),
    ('en', 'Around 2,000 homes were without power.', 'Around 2,000 homes', 0, (1800.0, 2200.0, True, True), 'about', 'Around', False, None, 'count', (1800.0, 2200.0), 1000.0, 'home'),
    ('en', 'The ship sailed 1,200 nautical miles in 48 hours.', '1,200 nautical miles', 16, (1200.0, 1200.0, True, True), None, None, False, 'nautical_mile', 'length', (2222400.0, 2222400.0), 185200.0, None),
    ('en', 'The ship sailed 1,200 nautical miles in 48 hours.', '48 hours', 40, (48.0, 48.0, True, True), None, None, False, 'hour', 'time', (172800.0, 172800.0), 3600.0, None),
    ('en', 'Several hundred residents were evacuated.', 'Several hundred residents', 0, (200.0, 999.0, True, True), None, None, True, None, 'count', (200.0, 999.0), None, 'resident'),
    ('en', 'The storm killed at least 43 people and injured 120.', 'at least 43 people', 17, (43.0, None, True, True), 'at_least', 'at least', False, None, 'count', (43.0, None), 1.0, 'person'),
    ('en', 'The storm killed at least 43 people and injured 120.', '120', 48, (120.0, 120.0, True, True), None, None, False, None, 'count', (120.0, 120.0), 10.0, None),
    ('en', 'The airline ordered 50 new Airbus jets worth $6.5 billion.', '50 new Airbus jets', 20, (50.0, 50.0, True, True), None, None, False, None, 'count', (50.0, 50.0), 10.0, 'jet'),
    ('en', 'The airline ordered 50 new Airbus jets worth $6.5 billion.', '$6.5 billion', 45, (6500000000.0, 6500000000.0, True, True), None, None, False, 'USD', 'currency:USD', (6500000000.0, 6500000000.0), 100000000.0, None),
    ('en', 'The quake struck at a depth of 10 km.', '10 km', 31, (10.0, 10.0, True, True), None, None, False, 'kilometer', 'length', (10000.0, 10000.0), 10000.0, 'depth'),
    ('en', 'The company has a market value of more than $2 trillion.', 'more than $2 trillion', 34, (2000000000000.0, None, False, True), 'more_than', 'more than', False, 'USD', 'currency:USD', (2000000000000.0, None), 1000000000000.0, 'value'),
    ('en', 'A magnitude 6.8 quake hit the region.', '6.8', 12, (6.8, 6.8, True, True), None, None, False, None, 'count', (6.8, 6.8), 0.1, 'magnitude'),
    ('en', 'Half a million people fled and a million stayed.', 'Half a million people', 0, (500000.0, 500000.0, True, True), None, None, False, None, 'count', (500000.0, 500000.0), 500000.0, 'person'),
    ('en', 'Half a million people fled and a million stayed.', 'a million', 31, (1000000.0, 1000000.0, True, True), None, None, False, None, 'count', (1000000.0, 1000000.0), 1000000.0, None),
    ('de', 'An Bord waren nach Angaben der Bahn 340 Fahrgäste.', '340 Fahrgäste', 36, (340.0, 340.0, True, True), None, None, False, None, 'count', (340.0, 340.0), 10.0, 'fahrgast'),
    ('de', 'Der Tunnel ist 4,2 Kilometer lang.', '4,2 Kilometer', 15, (4.2, 4.2, True, True), None, None, False, 'kilometer', 'length', (4200.0, 4200.0), 100.0, None),
    ('de', 'Es waren genau 30 Grad.', 'genau 30 Grad', 9, (30.0, 30.0, True, True), 'exact', 'genau', False, 'degree_Celsius', 'temperature', (303.15, 303.15), 1.0, None),
    ('en', 'The water reached exactly 40 degrees Fahrenheit.', 'exactly 40 degrees Fahrenheit', 18, (40.0, 40.0, True, True), 'exact', 'exactly', False, 'degree_Fahrenheit', 'temperature', (277.594444444, 277.594444444), 0.555555555556, None),
    ('en', 'Officials counted 12 killed and 5 dead.', '12 killed', 18, (12.0, 12.0, True, True), None, None, False, None, 'count', (12.0, 12.0), 1.0, 'killed'),
    ('en', 'Officials counted 12 killed and 5 dead.', '5 dead', 32, (5.0, 5.0, True, True), None, None, False, None, 'count', (5.0, 5.0), 1.0, 'dead'),
    ('de', 'Erdbeben: 300 Tote und hundert Verletzte.', '300 Tote', 10, (300.0, 300.0, True, True), None, None, False, None, 'count', (300.0, 300.0), 100.0, 'tot'),
    ('de', 'Erdbeben: 300 Tote und hundert Verletzte.', 'hundert Verletzte', 23, (100.0, 100.0, True, True), None, None, False, None, 'count', (100.0, 100.0), 100.0, 'verletzt'),
    ('de', 'Bis 2030 sollen 500 Windräder entstehen.', '500 Windräder', 16, (500.0, 500.0, True, True), None, None, False, None, 'count', (500.0, 500.0), 100.0, 'windrader'),
    ('de', 'In den Jahren 2021 und 2022 kamen 500 Menschen.', '500 Menschen', 34, (500.0, 500.0, True, True), None, None, False, None, 'count', (500.0, 500.0), 100.0, 'mensch'),
    ('de', 'Die Firma zahlte eine Milliarde Euro.', 'eine Milliarde Euro', 17, (1000000000.0, 1000000000.0, True, True), None, None, False, 'EUR', 'currency:EUR', (1000000000.0, 1000000000.0), 1000000000.0, None),
    ('de', 'Es kamen 1\xa0000 Menschen.', '1\xa0000 Menschen', 9, (1000.0, 1000.0, True, True), None, None, False, None, 'count', (1000.0, 1000.0), 1000.0, 'mensch'),
    # running counts: "one" and an indefinite ordinal count casualties ("a third worker has died": three dead)
    ('en', 'One worker has died after the fire.', 'One worker', 0, (1.0, 1.0, True, True), None, None, False, None, 'count', (1.0, 1.0), 1.0, 'worker'),
    ('en', 'A third worker has died following the fire.', 'A third worker', 0, (3.0, 3.0, True, True), None, None, False, None, 'count', (3.0, 3.0), 1.0, 'worker'),
    ('en', 'Officials confirmed a fifth death linked to the fire.', 'a fifth death', 20, (5.0, 5.0, True, True), None, None, False, None, 'count', (5.0, 5.0), 1.0, 'death'),
    ('de', 'Damit gibt es ein viertes Todesopfer.', 'ein viertes Todesopfer', 14, (4.0, 4.0, True, True), None, None, False, None, 'count', (4.0, 4.0), 1.0, 'todesopfer'),
    ('en', 'The blaze was zero percent contained.', 'zero percent', 14, (0.0, 0.0, True, True), None, None, False, 'percent', 'percent', (0.0, 0.0), 1.0, None),
]

# sentences that state no quantity: dates, years, times, ordinals, names, articles
NEGATIVE = [
    # "one" and an indefinite ordinal count only casualties
    ('en', 'A second explosion hit the plant.'),
    ('en', 'One of the workers was a union official.'),
    ('en', 'A third company has made an offer.'),
    ('de', 'Das teilte er am 13. Oktober 2023 mit.'),
    ('de', 'Im Jahr 2022 begann die Invasion.'),
    ('de', 'Die Raketen schlugen am 30. Dezember ein.'),
    ('de', 'Stand: 05.01.2024 04:55 Uhr'),
    ('de', 'Der Angriff begann um 6.45 Uhr.'),
    ('de', 'Die Lieferungen erfolgten zwischen dem 7. September und dem 1. Oktober.'),
    ('de', 'Der 2. Weltkrieg endete 1945.'),
    ('de', 'Die G7 trafen sich wegen Covid-19.'),
    ('de', 'Eine Boeing 737 stürzte ab.'),
    ('de', 'Der Sicherheitsrat verwies auf Resolution 2231.'),
    ('de', 'Die Ukraine erhält F-16-Kampfjets.'),
    ('de', 'Ein Schiff lag im Hafen.'),
    ('de', 'Seit 2014 ist die Lage angespannt.'),
    ('de', 'Das Treffen fand um zwei Uhr statt.'),
    ('de', 'Vor zwei Wochen begann der Streik.'),
    ('de', 'Der Vorfall ereignete sich im Februar 2022.'),
    ('de', 'Die Polizei bittet um Hinweise unter Tel. 0711 8990.'),
    ('de', 'Laut Artikel 5 des Vertrags gilt die Beistandspflicht.'),
    ('de', 'Eine Stunde später kam die Feuerwehr.'),
    ('en', 'The meeting took place on 13 October 2023.'),
    ('en', 'In 2022 the company was sold.'),
    ('en', 'A Boeing 737 crashed on Flight 302.'),
    ('en', 'The team won 3-1 on Sunday.'),
    ('en', 'Updated: Sep 9, 2023 21:55'),
    ('en', 'A ship was seen in the harbour.'),
    ('en', 'The fire started three days ago.'),
    ('en', 'The 1990s were different.'),
    ('en', 'Call +49 30 1234567 for details.'),
    ('en', 'The summit was held on October 13, 2023.'),
    ('en', 'Windows 11 was released.'),
    ('de', 'Die Partie endete 2:1 nach Verlängerung.'),
    ('de', 'Von 2014 bis 2022 stieg die Zahl.'),
    ('de', 'Das Spiel endete 3-1 für die Gäste.'),
    ('de', 'Der Gipfel fand in den 1990er Jahren statt.'),
    ('de', 'Nach § 218 ist das verboten.'),
    ('de', 'Die Bahn fährt auf Gleis 7 ab.'),
    ('en', 'He was born in 1975 and moved in 2001.'),
    ('en', 'The 2022-2023 season was long.'),
    ('en', 'Apollo 11 landed on the Moon.'),
    ('en', 'One official confirmed the report.'),
    ('en', 'The A320 landed at gate 5.'),
    ('de', 'Der Airbus A320 landete sicher.'),
    ('de', 'Die 10.000er Marke fiel.'),
]


# Ordinal positions on a scale: every figure of the sentence as (span text, start, low, high,
# dimension, counted_key). A position is exact ([26, 26]); an English floor may be counted from
# the ground floor or from the first ([14, 15]).
POSITIONS = [
    ('en', 'Zinchenko put the hosts ahead in the 26th minute.', [('26th minute', 37, 26.0, 26.0, 'position', 'minute')]),
    ('de', 'Sintschenko traf in der 26. Minute zur Führung.', [('26. Minute', 24, 26.0, 26.0, 'position', 'minute')]),
    ('de', 'Das Tor fiel in der ersten Minute.', [('ersten Minute', 20, 1.0, 1.0, 'position', 'minute')]),
    ('en', 'The goal came in the first minute.', [('first minute', 21, 1.0, 1.0, 'position', 'minute')]),
    # how many times: one occurrence's count, compared only for the same people ("zum dritten" vs "zum zweiten Mal")
    ('de', 'Sie gewann zum dritten Mal den Titel.', [('dritten Mal', 15, 3.0, 3.0, 'position', 'occurrence')]),
    ('en', 'She won the title for the third time.', [('third time', 26, 3.0, 3.0, 'position', 'occurrence')]),
    ('de', 'Er traf in der sechsundzwanzigsten Minute.', [('sechsundzwanzigsten Minute', 15, 26.0, 26.0, 'position', 'minute')]),
    ('en', 'He scored in the twenty-sixth minute.', [('twenty-sixth minute', 17, 26.0, 26.0, 'position', 'minute')]),
    ('en', 'His 90th-minute winner sealed it.', [('90th-minute', 4, 90.0, 90.0, 'position', 'minute')]),
    ('en', 'Kane scored in minute 93.', [('minute 93', 15, 93.0, 93.0, 'position', 'minute')]),
    ('en', 'The 3rd round starts at 6 p.m.', [('3rd round', 4, 3.0, 3.0, 'position', 'round')]),
    ('en', 'The second round of talks ended on Friday.', [('second round', 4, 2.0, 2.0, 'position', 'round')]),
    ('de', 'Die zweite Runde der Gespräche endete ohne Ergebnis.', [('zweite Runde', 4, 2.0, 2.0, 'position', 'round')]),
    ('de', 'Sie scheiterte im ersten Wahlgang.', [('ersten Wahlgang', 18, 1.0, 1.0, 'position', 'round')]),
    ('en', 'Verstappen took the lead on lap 34.', [('lap 34', 28, 34.0, 34.0, 'position', 'lap')]),
    ('de', 'Er gewann die fünfte Etappe.', [('fünfte Etappe', 14, 5.0, 5.0, 'position', 'stage')]),
    ('de', 'Am 3. Spieltag verlor der Verein 0:2.', [('3. Spieltag', 3, 3.0, 3.0, 'position', 'matchday')]),
    ('de', 'Das Feuer brach im dritten Stock aus.', [('dritten Stock', 19, 3.0, 3.0, 'position', 'floor')]),
    ('en', 'The fire broke out on the 15th floor.', [('15th floor', 26, 14.0, 15.0, 'position', 'floor')]),
    ('en', 'He homered in the ninth inning.', [('ninth inning', 18, 9.0, 9.0, 'position', 'inning')]),
    ('de', 'Das Spiel dauerte 26 Minuten.', [('26 Minuten', 18, 26.0, 26.0, 'time', None)]),
    ('en', 'The match lasted 26 minutes and the goal came in the 26th minute.', [('26 minutes', 17, 26.0, 26.0, 'time', None), ('26th minute', 53, 26.0, 26.0, 'position', 'minute')]),
]

# ordinals that are no position: dates, counts of occurrences, plural nouns, stoppage time, bounds,
# estimates, lists, "another" and positions within a part of the match
NOT_POSITIONS = [
    ('de', 'Das teilte er am 13. Oktober 2023 mit.'),
    ('de', 'Der 3. Oktober ist ein Feiertag.'),
    ('en', 'The meeting was held on the 13th of October.'),
    ('en', 'It happened a second time that week.'),
    ('de', 'In den ersten Minuten passierte wenig.'),
    ('en', 'They scored in the 26th and 36th minutes.'),
    ('de', 'Sie trafen in der 26. und 73. Minute.'),
    ('de', 'Das Tor fiel in der 90.+3 Minute.'),
    ('en', 'The winner came in the 90th+3 minute.'),
    ('en', 'He scored in the 90+3rd minute.'),
    ('de', 'Er traf in der 90+3. Minute.'),
    ('de', 'Er wurde nach der 80. Minute ausgewechselt.'),
    ('en', 'He was replaced after the 80th minute.'),
    ('en', 'Nothing happened until the 30th minute.'),
    ('de', 'Ab dem dritten Stock brannte alles.'),
    ('en', 'The goal came around the 30th minute.'),
    ('en', 'A second hole was found in the hull.'),
    ('de', 'Eine zweite Runde ist geplant.'),
    ('en', 'He scored in the third minute of stoppage time.'),
    ('de', 'Er traf in der 5. Minute nach der Pause.'),
    ('en', 'He came on in the 60th minute and scored in the 75th.'),
    ('de', 'Er kam in der 60. Minute und traf in der 75.'),
    ('en', 'He finished third in the race.'),
    ('de', 'Er belegte Platz 3 in der Tabelle.'),
    ('en', 'The first stage of the rocket fell into the sea.'),
    ('en', 'The second story was about the mayor.'),
    ('de', 'Die Rakete erreichte die zweite Stufe.'),
    ('de', 'Taucher fanden das zweite Loch im Rumpf.'),
    ('en', 'Divers found the second hole near the bow.'),
    ('en', 'One minute 30 seconds later the alarm rang.'),
]

# Partitives: every figure of the sentence as (span text, start, low, high, counted_key, partitive)
PARTITIVES = [
    ('de', 'Bei Biessenhofen sprangen zwei der vier Waggons aus den Gleisen.', [('zwei der vier Waggons', 26, 2.0, 2.0, 'waggons', 'part'), ('vier Waggons', 35, 4.0, 4.0, 'waggons', 'whole')]),
    ('en', 'Police said three of its four carriages came off the rails, and two of them tumbled.', [('three of its four carriages', 12, 3.0, 3.0, 'carriage', 'part'), ('four carriages', 25, 4.0, 4.0, 'carriage', 'whole'), ('two', 64, 2.0, 2.0, None, None)]),
    ('de', 'Zwei von vier Waggons entgleisten.', [('Zwei von vier Waggons', 0, 2.0, 2.0, 'waggons', 'part'), ('vier Waggons', 9, 4.0, 4.0, 'waggons', 'whole')]),
    ('de', 'Drei der Waggons kippten um.', [('Drei der Waggons', 0, 3.0, 3.0, 'waggons', 'part')]),
    ('de', 'Zwei der insgesamt fünf hinteren Wagen entgleisten.', [('Zwei der insgesamt fünf hinteren Wagen', 0, 2.0, 2.0, 'wag', 'part'), ('fünf hinteren Wagen', 19, 5.0, 5.0, 'wag', 'whole')]),
    ('de', 'Drei der vier Toten stammen aus Bayern.', [('Drei der vier Toten', 0, 3.0, 3.0, 'tot', 'part'), ('vier Toten', 9, 4.0, 4.0, 'tot', 'whole')]),
    ('en', 'Two of the carriages overturned.', [('Two of the carriages', 0, 2.0, 2.0, 'carriage', 'part')]),
    ('en', 'Five out of 12 victims were children.', [('Five out of 12 victims', 0, 5.0, 5.0, 'victim', 'part'), ('12 victims', 12, 12.0, 12.0, 'victim', 'whole')]),
    ('en', 'Ministers of 3 of the 27 EU member states objected.', [('3 of the 27 EU member states', 13, 3.0, 3.0, 'state', 'part'), ('27 EU member states', 22, 27.0, 27.0, 'state', 'whole')]),
    ('de', 'Mehr als 50 Menschen wurden verletzt, acht von ihnen schwer.', [('Mehr als 50 Menschen', 0, 50.0, None, 'mensch', None), ('acht', 38, 8.0, 8.0, None, None)]),
    ('en', 'Two of them were injured.', [('Two', 0, 2.0, 2.0, None, None)]),
    ('en', 'Two of four engines failed.', [('Two of four engines', 0, 2.0, 2.0, 'engine', 'part'), ('four engines', 7, 4.0, 4.0, 'engine', 'whole')]),
    ('de', 'Fünf der drei Busse fuhren.', [('Fünf', 0, 5.0, 5.0, None, None), ('drei Busse', 9, 3.0, 3.0, 'buss', None)]),
    ('de', 'Fast 70 Prozent der Wähler stimmten zu.', [('Fast 70 Prozent', 0, 63.0, 70.0, 'wahler', None)]),
    ('en', "They were leading in 16 of the province's 27 districts.", [("16 of the province's 27 districts", 21, 16.0, 16.0, 'district', 'part'), ('27 districts', 42, 27.0, 27.0, 'district', 'whole')]),
    ('en', "Two of the company's workers died.", [("Two of the company's workers", 0, 2.0, 2.0, 'worker', 'part')]),
    ('de', 'Zwei der vier Waggons und vier Waggons.', [('Zwei der vier Waggons', 0, 2.0, 2.0, 'waggons', 'part'), ('vier Waggons', 9, 4.0, 4.0, 'waggons', 'whole'), ('vier Waggons', 26, 4.0, 4.0, 'waggons', None)]),
]


def _by_sentence() -> dict[tuple[str, str], list[tuple[str, int]]]:
    grouped: dict[tuple[str, str], list[tuple[str, int]]] = {}
    for row in FIGURES:
        grouped.setdefault((row[0], row[1]), []).append((row[2], row[3]))
    return grouped


@pytest.mark.parametrize("row", FIGURES, ids=lambda r: r[2])
def test_figure(row: tuple) -> None:
    lang, sentence, text, start, (lo, hi, lc, hc), qual, qual_text, vague, unit, dim, (blo, bhi), precision, key = row
    found = {a: (b, v) for a, b, v, _ in scan(sentence, lang)}
    assert start in found, f"no figure at {start} in {sentence!r}"
    end, v = found[start]
    assert sentence[start:end] == text
    assert (v.interval.low, v.interval.high, v.interval.low_closed, v.interval.high_closed) == (lo, hi, lc, hc)
    assert (v.qualifier, v.qualifier_text, v.vague) == (qual, qual_text, vague)
    assert (v.unit, v.dimension) == (unit, dim)
    assert (v.base_interval.low, v.base_interval.high) == (blo, bhi)
    assert v.precision == pytest.approx(precision) if precision is not None else v.precision is None
    assert v.counted_key == key


@pytest.mark.parametrize("sentence,expected", sorted(_by_sentence().items()), ids=lambda x: x[1] if isinstance(x, tuple) else None)
def test_no_other_figures(sentence: tuple[str, str], expected: list[tuple[str, int]]) -> None:
    lang, text = sentence
    got = [(text[a:b], a) for a, b, _, _ in scan(text, lang)]
    assert sorted(got, key=lambda g: g[1]) == sorted(expected, key=lambda g: g[1])


@pytest.mark.parametrize("lang,sentence", NEGATIVE, ids=[s for _, s in NEGATIVE])
def test_not_a_quantity(lang: str, sentence: str) -> None:
    assert scan(sentence, lang) == []


@pytest.mark.parametrize("lang,sentence,expected", POSITIONS, ids=[s for _, s, _ in POSITIONS])
def test_position(lang: str, sentence: str, expected: list[tuple]) -> None:
    got = [(sentence[a:b], a, v.interval.low, v.interval.high, v.dimension, v.counted_key) for a, b, v, _ in scan(sentence, lang)]
    assert got == expected
    assert all(v.precision == 1.0 and v.qualifier is None for _, _, v, _ in scan(sentence, lang) if v.dimension == "position")


@pytest.mark.parametrize("lang,sentence", NOT_POSITIONS, ids=[s for _, s in NOT_POSITIONS])
def test_not_a_position(lang: str, sentence: str) -> None:
    assert [sentence[a:b] for a, b, v, _ in scan(sentence, lang) if v.dimension == "position"] == []


@pytest.mark.parametrize("lang,sentence,expected", PARTITIVES, ids=[s for _, s, _ in PARTITIVES])
def test_partitive(lang: str, sentence: str, expected: list[tuple]) -> None:
    got = [(sentence[a:b], a, v.interval.low, v.interval.high, v.counted_key, v.partitive) for a, b, v, _ in scan(sentence, lang)]
    assert got == expected


@pytest.mark.parametrize(
    "text, lang, keys",
    [
        ("Zwei der vier Waggons entgleisten.", "de", [("railcars", "part"), ("railcars", "whole")]),
        ("Three of its four carriages came off the rails.", "en", [("railcars", "part"), ("railcars", "whole")]),
        ("Sintschenko traf in der 26. Minute.", "de", [("minute", None)]),
        ("The fire broke out on the third floor.", "en", [("floor", None)]),
    ],
)
def test_extract_keys_parts_and_positions(text: str, lang: str, keys: list[tuple]) -> None:
    article = Article(id="a", path="a.txt", text=text, lang=lang)
    mentions = extract(article, [Sentence(doc="a", index=0, start=0, end=len(text), text=text)])
    assert [(m.value.counted_key, m.value.partitive) for m in mentions] == keys


def test_extract_offsets_point_into_article_text() -> None:
    text = "---\nsource: Test\n---\nDas Beben forderte 96 Tote. Mehr als 350 Verletzte wurden gezählt.\n"
    first = text.index("Das")
    second = text.index("Mehr")
    article = Article(id="a1", path="a1.txt", text=text, body_start=first, lang="de")
    sentences = [
        Sentence(doc="a1", index=0, start=first, end=second - 1, text=text[first : second - 1]),
        Sentence(doc="a1", index=1, start=second, end=len(text) - 1, text=text[second:-1]),
    ]
    mentions = extract(article, sentences)
    assert [(m.start, m.end, m.text, m.kind, m.doc) for m in mentions] == [
        (first + 19, first + 26, "96 Tote", "quantity", "a1"),
        (second, second + 22, "Mehr als 350 Verletzte", "quantity", "a1"),
    ]
    assert all(article.text[m.start : m.end] == m.text for m in mentions)
    assert mentions[0].context == "step=1"
    assert [m.value.counted_key for m in mentions] == ["dead", "injured"]  # concepts, comparable across languages


@pytest.mark.parametrize(
    "text, lang, key",
    [
        ("Mehr als 50 Menschen wurden verletzt.", "de", "injured"),
        ("At most 40 people were injured.", "en", "injured"),
        ("Drei Menschen kamen ums Leben.", "de", "dead"),
        ("Rund 39.000 Zuschauern sahen das Spiel.", "de", "audience"),
        ("Just under 40,000 fans watched.", "en", "audience"),
        ("The company will cut 1,900 jobs.", "en", "jobs"),
        ("Es sind 200 Menschen, die dort wohnen.", "de", None),  # generic noun, no predicate: not comparable
        # people named by occupation: what happened to them, else themselves
        ("Two workers have died since the fire.", "en", "dead"),
        ("The blast killed three workers.", "en", "dead"),
        ("Mehr als 40.000 Beschäftigte waren zum Streik aufgerufen.", "de", "employees"),
        ("Around 40 workers were on shift.", "en", "employees"),
        # a count restricted to a named place is a subset of the whole
        ("All six Charlottetown districts went Liberal.", "en", "charlottetown seats"),
        ("Six rural districts went Liberal.", "en", "seats"),
        ("Three Ukrainian soldiers were killed.", "en", "dead"),
        # a figure noun before the number names what it counts, however far before
        ("Die Zahl der Todesopfer nach dem Erdbeben in der Osttürkei ist bis zum Abend auf mindestens 96 gestiegen.", "de", "dead"),
        ("The death toll rose to 5.", "en", "dead"),
        ("Die Zahl der Helfer stieg auf 400.", "de", "responders"),
        # taken to hospital; hospitals themselves are no patients
        ("12 people were taken to hospital after the fire.", "en", "hospitalised"),
        ("Mehr als 20 Menschen mussten im Krankenhaus behandelt werden.", "de", "hospitalised"),
        ("The town has three hospitals.", "en", "hospital"),
        ("Two people died in hospital.", "en", "dead"),
        ("The tornado tore through the town, killing at least four people.", "en", "dead"),
        ("Zwei Menschen starben im Krankenhaus.", "de", "dead"),
        # a measurement without a noun takes what its clause measures
        ("Der Pegel Kelheim stand am Sonntagmorgen bei 690 Zentimetern.", "de", "water_level"),
        ("Crews had reached 5 percent containment.", "en", "contained"),
        ("Containment reached 30 percent on Thursday.", "en", "contained"),
        ("In der Nacht fielen über 100 Millimeter Regen.", "de", None),
        ("Turnout rose by 5 percent.", "en", "turnout change"),  # a change in turnout, not turnout or a share contained
        ("Knapp 58 Prozent der Wahlberechtigten gaben ihre Stimme ab.", "de", "turnout"),
        ("58 per cent of registered voters turned out.", "en", "turnout"),
        ("Rund 1,2 Millionen Wahlberechtigte sind aufgerufen.", "de", "wahlberechtigt"),  # a count of voters, not turnout
        ("Das Feuer war nach drei Stunden unter Kontrolle.", "de", None),  # a duration, not a share contained
        # one and an ordinal, counted as casualties
        ("One worker has died.", "en", "dead"),
        ("A third worker has died following the fire.", "en", "dead"),
        # a two-word entry for a noun that names nothing alone; never a one-word entry before another noun
        ("Up to 15 fire engines were at the scene.", "en", "fire_engines"),
        ("More than 20 appliances attended.", "en", "fire_engines"),
        ("Some 400 rescue workers took part in the operation.", "en", "responders"),  # not the mine's workers
        ("About 320 workers are employed at the pit.", "en", "employees"),
        ("Twenty-one miners were trapped underground.", "en", "trapped"),
        ("Six miners were pulled out alive on Wednesday.", "en", "rescued"),
        ("Zwölf Löschfahrzeuge waren im Einsatz.", "de", "fire_engines"),
        ("Two engines failed on the plane.", "en", "engine"),
        ("Die Helfer fanden drei tote Tiere.", "de", "tier"),
    ],
)
def test_extract_maps_counted_nouns_to_concepts(text, lang, key) -> None:
    article = Article(id="a", path="a.txt", text=text, lang=lang)
    (mention,) = extract(article, [Sentence(doc="a", index=0, start=0, end=len(text), text=text)])
    assert mention.value.counted_key == key


# What an amount measures, from the words governing it in its clause: (text, lang, span of the
# figure, counted_key, scope). Strict facets are part of the concept; scoped ones ("period=") are kept apart.
@pytest.mark.parametrize(
    "text, lang, span, key, scope",
    [
        ("Der Gewinn stieg auf 472 Millionen Euro, wie der Konzern mitteilte.", "de", "472 Millionen Euro", "profit", ""),
        ("Gewinn: 412 Mio. Euro.", "de", "412 Mio. Euro", "profit", ""),
        ("Der Versicherer hat seinen Gewinn im dritten Quartal auf 412 Millionen Euro gesteigert.", "de", "412 Millionen Euro", "profit", "period=quarter"),
        ("In den ersten neun Monaten lag der Gewinn bei 1,46 Milliarden Euro.", "de", "1,46 Milliarden Euro", "profit", "period=nine_months"),
        ("Im Vorjahresquartal hatte der Versicherer 390 Millionen Euro verdient.", "de", "390 Millionen Euro", "profit previous", ""),
        ("Der Gewinn stieg von 390 auf 472 Millionen Euro.", "de", "390", "profit previous", ""),
        ("Nach 390 Millionen Euro im Vorjahr stieg der Gewinn auf 472 Millionen Euro.", "de", "472 Millionen Euro", "profit", ""),
        ("Der Umsatz wuchs um 8 Prozent auf 3,1 Milliarden Euro.", "de", "8 Prozent", "revenue change", ""),
        ("Der Umsatz wuchs um 8 Prozent auf 3,1 Milliarden Euro.", "de", "3,1 Milliarden Euro", "revenue", ""),
        ("Das Umsatzplus von 8 Prozent überraschte.", "de", "8 Prozent", "revenue change", ""),
        ("Das Umsatzplus lag bei 18 Prozent.", "de", "18 Prozent", "revenue change", ""),
        ("Der Gewinnrückgang betrug 12 Millionen Euro.", "de", "12 Millionen Euro", "profit change", ""),
        ("Revenue growth of 8% was reported.", "en", "8%", "revenue change", ""),
        ("Die Dividende soll 2,40 Euro je Aktie betragen.", "de", "2,40 Euro", "dividend per_unit", ""),
        ("Der Konzern schüttet rund 600 Millionen Euro an die Aktionäre aus.", "de", "rund 600 Millionen Euro", "dividend", ""),
        ("Der Verlust vor Steuern betrug 12 Millionen Euro.", "de", "12 Millionen Euro", "loss", "basis=pretax"),
        ("Er wurde zu sechseinhalb Jahren Haft verurteilt.", "de", "sechseinhalb Jahren", "prison_term", ""),
        ("Dem Angeklagten drohen bis zu zehn Jahre Haft.", "de", "bis zu zehn Jahre", "prison_term maximum", ""),
        ("Der Warnstreik soll 48 Stunden dauern.", "de", "48 Stunden", "strike_duration", ""),
        ("Harlow Rail reported pre-tax losses of £31.4m for the year to December.", "en", "£31.4m", "loss", "basis=pretax period=full_year"),
        ("Revenue rose 12 per cent to £820m.", "en", "12 per cent", "revenue change", ""),
        # a period or basis the clause states once scopes each of its figures
        ("Pre-tax profit rose 14% to £212m in the six months to June.", "en", "£212m", "profit", "basis=pretax period=half_year"),
        ("Pre-tax profit rose 14% to £212m in the six months to June.", "en", "14%", "profit change", "basis=pretax period=half_year"),
        ("Die Anklage hatte eine Strafe von neun Jahren verlangt.", "de", "neun Jahren", "prison_term", ""),
        ("Revenue rose 12 per cent to £820m.", "en", "£820m", "revenue", ""),
        ("The company was fined $2.5m.", "en", "$2.5m", "fine", ""),
        ("A former treasurer has been jailed for six and a half years.", "en", "six and a half years", "prison_term", ""),
        ("Okafor, 46, was sentenced to eight years and six months after a trial.", "en", "eight years and six months", "prison_term", ""),
        ("The offence carries a maximum sentence of 10 years.", "en", "10 years", "prison_term maximum", ""),
        ("Average pay rose to £31,000 per person.", "en", "£31,000", "pay average per_unit", ""),
        ("The chief executive was paid £1.2m a year earlier.", "en", "£1.2m", "pay previous", ""),
        ("Analysts had expected profit of £40m.", "en", "£40m", "profit outlook", ""),
        ("Carrow expects to book a charge of $90 million.", "en", "$90 million", "charge", ""),  # a charge expected is the charge
        ("Der Konzern rechnet mit einer Belastung von 300 Millionen Euro.", "de", "300 Millionen Euro", "charge", ""),
        ("The firm has set aside £230m for the recall.", "en", "£230m", "charge", ""),
        ("Die Reederei bezifferte die Schadenssumme auf 1,5 Millionen Euro.", "de", "1,5 Millionen Euro", "damage", ""),
        ("Der Konzern will 2 Milliarden Euro investieren.", "de", "2 Milliarden Euro", "investment", ""),
        ("Each family will receive compensation of $5,000 per passenger.", "en", "$5,000", "compensation per_unit", ""),
        ("A five-day vaccination campaign began on Saturday.", "en", "five-day", "campaign_duration", ""),
        ("Die Gewerkschaft rief zu einem 48-stündigen Warnstreik auf.", "de", "48-stündigen", "strike_duration", ""),
        ("Die zweiwöchige Impfkampagne endet am Freitag.", "de", "zweiwöchige", "campaign_duration", ""),
        ("Die fünftägige Prüfaktion beginnt am Montag.", "de", "fünftägige", "campaign_duration", ""),  # a compound named by its last part
        ("A five-day inspection campaign begins on Monday.", "en", "five-day", "campaign_duration", ""),  # "campaign" names no change ("gain")
        ("A 24-hour hotline was set up.", "en", "24-hour", "hotline", None),
        ("The tunnel is 4.2 kilometres long.", "en", "4.2 kilometres", None, None),  # a length of no measured concept
        # nothing named as measured, but set apart: compared with nothing
        ("Hollis had already served two years on remand.", "en", "two years", None, "apart=served"),
        ("Im Vorjahr waren es 390 Millionen Euro.", "de", "390 Millionen Euro", None, "apart=previous"),
        ("Barely 58 per cent of eligible voters cast a ballot.", "en", "58 per cent", "voter", None),  # its noun says what
    ],
)
def test_extract_reads_what_an_amount_measures(text: str, lang: str, span: str, key: str, scope: str) -> None:
    article = Article(id="a", path="a.txt", text=text, lang=lang)
    mentions = extract(article, [Sentence(doc="a", index=0, start=0, end=len(text), text=text)])
    (mention,) = [m for m in mentions if m.text == span]
    assert (mention.value.counted_key, mention.value.scope) == (key, scope)


# A fraction after "um"/"by" is the size of a change, as a percentage: (text, lang, [(span, low, high, qualifier)]).
@pytest.mark.parametrize(
    "text, lang, expected",
    [
        ("Der Umsatz stieg um knapp ein Fünftel.", "de", [("knapp ein Fünftel", 18.0, 20.0, "almost")]),
        ("Der Gewinn sank um die Hälfte auf 3 Millionen Euro.", "de", [("die Hälfte", 50.0, 50.0, None), ("3 Millionen Euro", 3e6, 3e6, None)]),
        ("Profit fell by two-thirds.", "en", [("two-thirds", 66.66, 66.66, None)]),
        ("Revenue rose by more than a fifth.", "en", [("more than a fifth", 20.0, None, "more_than")]),
        ("Ein Drittel der Mitarbeiter streikte.", "de", [("Ein Drittel der Mitarbeiter", 33.33, 33.33, None)]),  # a share, not a change
        ("Sie kamen um ein Viertel nach acht.", "de", [("acht", 8.0, 8.0, None)]),  # a time of day
        ("The Liberals won by a quarter of the vote.", "en", []),
    ],
)
def test_scan_reads_fractions_of_a_change_as_percentages(text: str, lang: str, expected: list) -> None:
    got = [(text[a:b], v.interval.low, v.interval.high, v.qualifier) for a, b, v, _ in scan(text, lang)]
    assert got == expected


# A share of a whole is a percentage of what it is a share of, rounded like a fraction:
# (text, lang, [(span, low, high, measure)]).
@pytest.mark.parametrize(
    "text, lang, expected",
    [
        ("Knapp die Hälfte der Züge fiel aus.", "de", [("Knapp die Hälfte der Züge", 45.0, 50.0, "zug")]),
        ("Drei Viertel der Wohnungen sind vermietet.", "de", [("Drei Viertel der Wohnungen", 75.0, 75.0, "wohnung")]),
        ("Jede fünfte Filiale schließt.", "de", [("Jede fünfte Filiale", 20.0, 20.0, "filial")]),
        ("Two-thirds of members voted yes.", "en", [("Two-thirds of members", 66.66, 66.66, "member")]),
        ("More than half the lorries were stopped.", "en", [("More than half the lorries", 50.0, None, "lorry")]),
        ("Roughly one in ten residents left.", "en", [("Roughly one in ten residents", 9.0, 11.0, "resident")]),
        ("In the second half of the season they lost.", "en", []),  # a period, not a share
        ("Every second counted for the crews.", "en", []),  # a moment, not every other one
        ("Die Kosten stiegen um ein Drittel der Summe.", "de", []),  # after "um": a change, not a share
    ],
)
def test_scan_reads_shares_as_percentages_of_what_they_share(text: str, lang: str, expected: list) -> None:
    got = [(text[a:b], v.interval.low, v.interval.high, v.counted_key) for a, b, v, _ in scan(text, lang)]
    assert got == expected


# A casualty word with "niemand", "keine", "nobody", "no" is a count of zero of its concept, so it
# meets a count of the same concept: (text, lang, [(span, low, concept)]).
@pytest.mark.parametrize(
    "text, lang, expected",
    [
        ("Verletzt wurde beim Zusammenstoß keiner.", "de", [("Verletzt wurde beim Zusammenstoß keiner", 0, "injured")]),
        ("Es gab keine Toten, aber drei Verletzte.", "de", [("keine Toten", 0, "dead"), ("drei Verletzte", 3, "injured")]),
        ("Festnahmen gab es keine.", "de", [("Festnahmen gab es keine", 0, "arrested")]),
        ("Keiner der Gäste musste ins Krankenhaus.", "de", [("Keiner der Gäste musste ins Krankenhaus", 0, "hospitalised")]),
        ("Nobody was hurt when the roof fell in.", "en", [("Nobody was hurt", 0, "injured")]),
        ("Officers made no arrests on the night.", "en", [("no arrests", 0, "arrested")]),
        ("No serious injuries were reported.", "en", [("No serious injuries", 0, "injured")]),
        # one person, not a count; no total; a count against a stated figure; another clause
        ("Die Fahrerin wurde nicht verletzt.", "de", []),
        ("Weitere Verletzte gab es keine.", "de", []),
        ("No further deaths were reported by the ministry.", "en", []),
        ("None of the 40 guests was hurt.", "en", [("40 guests", 40, "guest")]),
        ("Niemand wusste, wer verletzt war.", "de", []),
    ],
)
def test_extract_reads_a_count_of_nobody_as_zero(text: str, lang: str, expected: list) -> None:
    article = Article(id="a", path="a.txt", text=text, lang=lang)
    mentions = extract(article, [Sentence(doc="a", index=0, start=0, end=len(text), text=text)])
    assert [(m.text, m.value.interval.low, m.value.counted_key) for m in mentions] == expected


# "minus" and a unit written against the figure ("-4C") make a temperature: (text, lang, span, low).
@pytest.mark.parametrize(
    "text, lang, span, low",
    [
        ("Nachts sank das Thermometer auf minus 7 Grad.", "de", "minus 7 Grad", -7.0),
        ("The mercury fell to -3.5C at dawn.", "en", "-3.5C", -3.5),
        ("A high of 91F is forecast.", "en", "91F", 91.0),
        ("It was 4°C in the valley.", "en", "4°C", 4.0),
    ],
)
def test_scan_reads_signed_and_attached_temperatures(text: str, lang: str, span: str, low: float) -> None:
    (got,) = [(text[a:b], v.interval.low, v.dimension) for a, b, v, _ in scan(text, lang)]
    assert got == (span, low, "temperature")


# An amount that names no period takes the one its article last named, in an earlier sentence or
# earlier in its own; one that names its period keeps it.
@pytest.mark.parametrize(
    "text, lang, scopes",
    [
        ("Im dritten Quartal lief es gut. Der Gewinn stieg auf 472 Millionen Euro.", "de", ["period=quarter"]),
        ("Im dritten Quartal lief es gut. Nach neun Monaten lag der Gewinn bei 1,4 Milliarden Euro.", "de", ["period=nine_months"]),
        ("Profit rose to £41m. In the first half, revenue was £400m.", "en", ["", "period=half_year"]),
    ],
)
def test_amounts_take_the_period_their_article_named(text: str, lang: str, scopes: list[str]) -> None:
    article = Article(id="a", path="a.txt", text=text, lang=lang)
    cut = text.index(". ") + 1
    sentences = [Sentence(doc="a", index=0, start=0, end=cut, text=text[:cut]), Sentence(doc="a", index=1, start=cut + 1, end=len(text), text=text[cut + 1 :])]
    assert [m.value.scope for m in extract(article, sentences) if m.value.scope is not None] == scopes


@pytest.mark.parametrize(
    "word,lang,key",
    [
        ("Container", "de", "container"),
        ("Containern", "de", "container"),
        ("Containers", "de", "container"),
        ("containers", "en", "container"),
        ("Schiffe", "de", "schiff"),
        ("Schiffen", "de", "schiff"),
        ("Schiff", "de", "schiff"),
        ("Tote", "de", "tot"),
        ("Toten", "de", "tot"),
        ("Verletzten", "de", "verletzt"),
        ("Raketen", "de", "raket"),
        ("Rakete", "de", "raket"),
        ("Häusern", "de", "hauser"),
        ("Autos", "de", "auto"),
        ("Personen", "de", "person"),
        ("casualties", "en", "casualty"),
        ("people", "en", "person"),
        ("houses", "en", "house"),
        ("churches", "en", "church"),
        ("dead", "en", "dead"),
        ("ships", "en", "ship"),
        # one group of people in its feminine, masculine or paired form is one key
        ("Pflegerinnen", "de", "pfleger"),
        ("Pfleger", "de", "pfleger"),
        ("Studentinnen", "de", "student"),
        ("Studenten", "de", "student"),
        ("Zahnärztinnen", "de", "zahnarzt"),
        ("Zahnärzte", "de", "zahnarzt"),
        ("Friseurin", "de", "friseur"),
        ("Benzin", "de", "benzin"),  # a bare -in is no feminine ending
    ],
)
def test_counted_key(word: str, lang: str, key: str) -> None:
    assert counted_key(word, lang) == key


def _one(sentence: str, lang: str):
    (hit,) = scan(sentence, lang)
    return hit[2]


@pytest.mark.parametrize(
    "a,b,overlap",
    [
        (("bis zu 1000 Container", "de"), ("mehr als 1.000 Container", "de"), False),
        (("mehr als 1000 Container", "de"), ("More than 1,000 containers", "en"), True),
        (("Hunderte von Containern", "de"), ("mehr als 1.000 Container", "de"), False),
        (("rund 69 Mrd. US-Dollar", "de"), ("$68.7 billion", "en"), True),
        (("etwa 885 Kilometern", "de"), ("about 550 miles", "en"), True),
        (("etwa 885 Kilometern", "de"), ("about 300 miles", "en"), False),
        (("knapp 1.000 Menschen", "de"), ("1.000 Menschen", "de"), False),
        (("mindestens 17 Menschen", "de"), ("17 Menschen", "de"), True),
        (("weniger als 50 Menschen", "de"), ("50 Menschen", "de"), False),
    ],
)
def test_intervals_compare_across_phrasings(a: tuple[str, str], b: tuple[str, str], overlap: bool) -> None:
    va, vb = _one(*a), _one(*b)
    assert va.dimension == vb.dimension
    assert va.base_interval.overlaps(vb.base_interval) is overlap




@pytest.mark.parametrize(
    "lang,sentence,contexts",
    [
        ("de", "Die Kosten stiegen von 5 auf 7 Milliarden Euro.", ["step=1e+09 change=from", "step=1e+09"]),
        ("de", "Der Umsatz lag bei 68,7 Mrd. Euro.", ["step=1e+08"]),
        ("en", "About 1,000 people came.", ["step=1000"]),
        ("de", "Hunderte Menschen kamen.", ["vague"]),
    ],
)
def test_context_states_precision_and_change(lang: str, sentence: str, contexts: list[str]) -> None:
    assert [c for _, _, _, c in scan(sentence, lang)] == contexts


def test_pint_is_not_imported_with_the_module() -> None:
    import subprocess
    import sys

    code = "import sys, checker.extract.quantities; print('pint' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def _mentions(text: str, lang: str):
    article = Article(id=lang, path="a.txt", text=text, lang=lang)
    return extract(article, [Sentence(doc=lang, index=0, start=0, end=len(text), text=text)])




def _claim(text: str, lang: str, people: list[str]):
    from checker.models import Claim, Mention, PersonValue

    sentence = Sentence(doc=lang, index=0, start=0, end=len(text), text=text)
    persons = [Mention(kind="person", doc=lang, start=0, end=1, text=text[:1], value=PersonValue(key=p, canonical=p)) for p in people]
    return Claim(id=f"{lang}#0", doc=lang, sentence=sentence, mentions=_mentions(text, lang) + persons)




def _dated(doc: str, text: str, lang: str, published: str):
    """An article of one sentence, published at "YYYY-MM-DD" or "YYYY-MM-DD HH:MM", and its claim."""
    import datetime as dt

    from checker.models import Claim, DateValue

    day, _, time = published.partition(" ")
    article = Article(id=doc, path=f"{doc}.txt", text=text, lang=lang,
                      published=DateValue(start=dt.date.fromisoformat(day), end=dt.date.fromisoformat(day), time=time or None))
    sentence = Sentence(doc=doc, index=0, start=0, end=len(text), text=text)
    return article, Claim(id=f"{doc}#0", doc=doc, sentence=sentence, mentions=extract(article, [sentence]))






# Durations written as one adjective with their unit: (text, lang, [(span, dimension, unit, value)]).
@pytest.mark.parametrize(
    "text, lang, expected",
    [
        ("A five-day vaccination campaign began.", "en", [("five-day", "time", "day", 5.0)]),
        ("The 10-day campaign ends on Friday.", "en", [("10-day", "time", "day", 10.0)]),
        ("The two-week walkout ended.", "en", [("two-week", "time", "week", 2.0)]),
        ("Die zehntägige Kampagne endet.", "de", [("zehntägige", "time", "day", 10.0)]),
        ("Verdi rief zu einem 48-stündigen Warnstreik auf.", "de", [("48-stündigen", "time", "hour", 48.0)]),
        ("Die dreimonatige Sperrung beginnt.", "de", [("dreimonatige", "time", "month", 3.0)]),
        # ages and durations without a number are none
        ("A 41-year-old man was hurt.", "en", [("41-year-old", "count", None, 41.0)]),
        ("Die mehrtägige Suche blieb erfolglos.", "de", []),
        ("Die ganztägige Sperrung endet.", "de", []),
        ("The day-long talks ended.", "en", []),
    ],
)
def test_scan_reads_duration_adjectives(text: str, lang: str, expected: list) -> None:
    got = [(text[a:b], v.dimension, v.unit, v.interval.low) for a, b, v, _ in scan(text, lang)]
    assert got == expected




@pytest.mark.parametrize("text, lang", [
    ("Am Kai standen drei 20-Fuß-Kisten.", "de"),
    ("Sie bezogen eine 4-Zimmer-Wohnung.", "de"),
    ("The crew used 10-litre drums.", "en"),
])
def test_a_number_joined_to_a_noun_names_a_kind_not_a_count(text: str, lang: str) -> None:
    spans = [text[s:e] for s, e, _, _ in scan(text, lang)]
    assert not any("-" in span for span in spans), spans


@pytest.mark.parametrize("text, lang, span, minutes", [
    ("Die Fahrt dauerte 3 Stunden 10 Minuten.", "de", "3 Stunden 10 Minuten", 190.0),
    ("The climb took 2 hours and 5 minutes.", "en", "2 hours and 5 minutes", 125.0),
])
def test_a_duration_in_parts_is_one_figure(text: str, lang: str, span: str, minutes: float) -> None:
    (start, end, value, _), = scan(text, lang)
    assert text[start:end] == span
    assert value.base_interval.low == value.base_interval.high == minutes * 60


def test_durations_in_the_wrong_order_stay_two_figures() -> None:
    assert len(scan("erst 5 Minuten, dann 2 Stunden", "de")) == 2
