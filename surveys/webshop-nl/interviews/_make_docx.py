"""Write the Word transcripts P04.docx, P07.docx and P10.docx of the Woonhuis.nl demo study.

Run ``python surveys/webshop-nl/interviews/_make_docx.py``. Each document has a title (style
Heading 1), a one-line italic note about the interview, and then one paragraph per turn in the
form ``Speaker: text`` with the speaker label in bold, as researchers type transcripts in Word.
The document properties and the zip entry times are fixed, so the output is byte-identical
between runs.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

from docx import Document
from docx.shared import Pt

HERE = Path(__file__).resolve().parent
FIXED_TIME = dt.datetime(2026, 3, 20, 9, 0, 0)

# participant id -> (title, note, transcript with one "Speaker: text" turn per line)
TRANSCRIPTS = {
    "P04": (
        "Interview P04 — Ruud (58), Nijmegen",
        "Afgenomen op 6 maart 2026, videobellen, ca. 14 minuten.",
        """\
Interviewer: Goedemiddag meneer Jansen, of mag ik Ruud zeggen?
Ruud: Ruud is prima.
Interviewer: Dank u wel dat u mee wilt werken. Het gesprek gaat over uw ervaring met Woonhuis, van het moment dat u ze leerde kennen tot nu. Ik neem het op, alleen voor het onderzoek. Is dat goed?
Ruud: Ja, dat is goed.
Interviewer: Kunt u iets over uzelf vertellen?
Ruud: Ja. Ik ben achtenvijftig, ik woon in Nijmegen met mijn vrouw, de kinderen zijn het huis uit. Ik ben docent aardrijkskunde geweest en nu werk ik nog twee dagen bij een natuurorganisatie. En ja, ik let nogal op wat ik koop. Wij kopen eigenlijk het liefst tweedehands. Niet om het geld, maar gewoon, er is al zoveel spul op de wereld.
Interviewer: Wat heeft u bij Woonhuis gekocht?
Ruud: Een dressoir. Een eikenhouten dressoir uit de jaren zestig, uit hun vintage-collectie. Driehonderdvijfenveertig euro. Voor een tweedehands meubel is dat niet weinig, maar hij was in heel goede staat.
Interviewer: Hoe kwam u voor het eerst bij Woonhuis terecht?
Ruud: Via mijn dochter. Die woont in Amsterdam en die had op Pinterest allemaal van die vintage meubels verzameld, en een paar daarvan kwamen van Woonhuis. Ze zei: pap, die hebben ook een tweedehands-afdeling, dat is echt iets voor jullie. Ik kende ze alleen van de reclame, ik dacht dat het zo'n gewone webwinkel was met spullen uit China. Eerlijk gezegd.
Interviewer: En toen u op de site keek?
Ruud: Toen viel het me eigenlijk mee. Ze hebben een aparte afdeling, "Tweede Leven" heet het, met tweedehands en gerestaureerde meubels. En bij elk meubel staan foto's van de gebruikssporen. Dus niet alleen een mooie foto, maar ook: hier zit een kras, hier is de lak wat dof. Dat vond ik eerlijk. Daar krijg je vertrouwen van.
Interviewer: Heeft u ook naar andere winkels gekeken?
Ruud: Ja, natuurlijk. Ik kijk altijd eerst op Marktplaats en bij de kringloop hier in de buurt. Daar vind je ook dressoirs, vaak goedkoper. Maar dan moet je het zelf ophalen, in Groningen of in Zeeland, en ik heb geen bus. En bij de kringloop is het geluk hebben. Dus Woonhuis was duurder, maar wel makkelijker. En ze bezorgen het.
Interviewer: Wat vond u van de informatie op de website?
Ruud: Bij de tweedehands spullen was het goed. Bij hun nieuwe meubels vond ik het eigenlijk teleurstellend. Er staat overal "duurzaam" of "bewust gekozen" bij, met zo'n groen blaadje. Maar wat betekent dat dan? Ik heb via de chat gevraagd waar het hout van een nieuwe eettafel vandaan kwam, of het FSC-hout was. En de medewerker wist het niet zeker. Ze zou het navragen, en ik heb nooit meer iets gehoord.
Interviewer: Hoe voelde dat?
Ruud: Nou, dat vond ik niet sterk. Als je zegt dat iets duurzaam is, moet je het ook kunnen uitleggen. Anders is het gewoon een sticker, greenwashing noemen ze dat. Ik zou graag bij elk product zien: waar is het gemaakt, van welk materiaal, welk keurmerk. En of er reserveonderdelen zijn, als er iets kapot gaat.
Interviewer: Wat gaf de doorslag om het dressoir te kopen?
Ruud: Dat het tweedehands was en toch in goede staat. En dat het precies paste in de nis naast de schouw, ik had het opgemeten. Honderdtachtig breed, dat klopte precies. En ze boden aan om onze oude kast mee te nemen voor hergebruik, die ging dan naar een kringloop. Dat gaf de doorslag, eigenlijk. Dan hoef ik niet zelf naar de stort.
Interviewer: Hoe ging het bestellen?
Ruud: Dat ging redelijk. Ik moest een account aanmaken, dat vind ik niet nodig, maar goed, het ging snel. Betalen met iDEAL, geen probleem. Wat ik miste, was een vakje waar je kunt aangeven: ik wil zo min mogelijk verpakking. Of een optie voor CO2-neutrale verzending. Die zijn er bij andere winkels wel. De verzendkosten, negentien vijfennegentig, stonden er meteen bij, dat was duidelijk.
Interviewer: En de levering?
Ruud: Dat duurde twee weken. Dat vond ik niet erg, eerlijk gezegd, ik heb geen haast. Liever dat ze één keer rijden met een volle bus dan drie keer halfleeg. Ik kreeg een mail met een dag en een tijdvak, en dat klopte. Twee jongens van een transportbedrijf, heel vriendelijk, die hebben hem netjes neergezet en de oude kast meegenomen.
Interviewer: Was u tevreden over het product?
Ruud: Over het dressoir zelf heel tevreden. Het is prachtig, het is precies zoals op de foto's, met de kras die ze beloofd hadden, haha. Maar de verpakking... Het ding was ingepakt in een enorme hoeveelheid plastic folie en piepschuim hoeken. Voor een tweedehands meubel uit een duurzame collectie! Dat vond ik echt teleurstellend. Ik heb twee vuilniszakken vol plastic gehad.
Interviewer: Heeft u daar iets mee gedaan?
Ruud: Ja, ik heb de klantenservice gemaild. Of ze de verpakking terug wilden nemen voor hergebruik. Het antwoord was vriendelijk, maar eigenlijk: nee, dat kunnen we niet. Ze zouden het doorgeven. Ik denk dat het ergens in een la is verdwenen.
Interviewer: Heeft u een review geschreven?
Ruud: Ja, op hun eigen site. Vier sterren voor het dressoir, en ik heb over de verpakking geschreven. Netjes hoor, niet boos. Maar ik vind wel dat ze dat moeten horen.
Interviewer: Zou u Woonhuis aanbevelen?
Ruud: Voor de tweedehands collectie wel. Ik heb het aan een paar mensen van mijn werk verteld. De rest van de winkel, tja, dat is gewoon een webshop zoals alle andere, vind ik. Daar zou ik niet speciaal voor naar Woonhuis gaan.
Interviewer: Wat had u graag anders gezien?
Ruud: Eerlijke informatie over de herkomst bij de nieuwe producten. Minder verpakking, of herbruikbare dekens zoals verhuizers gebruiken. En een reparatieservice, dat zou ik mooi vinden: dat je een meubel dat je bij ze gekocht hebt, na tien jaar kunt laten opknappen. Daar zou ik graag voor betalen. Dan ben je echt een duurzame winkel.
Interviewer: Dank u wel, Ruud. Dat waren mijn vragen.
Ruud: Graag gedaan. Ik ben benieuwd wat ze ermee doen.
""",
    ),
    "P07": (
        "Interview P07 — Ineke (68), Apeldoorn",
        "Afgenomen op 10 maart 2026, bij de deelnemer thuis, ca. 16 minuten.",
        """\
Onderzoeker: Goedemiddag mevrouw Bosman. Fijn dat ik even langs mocht komen.
Ineke: Zeg maar Ineke, hoor. Wil je een kopje koffie?
Onderzoeker: Graag. Dan zet ik intussen de recorder aan, als dat goed is.
Ineke: Ja hoor, dat is goed.
Onderzoeker: We gaan het hebben over de fauteuil die u bij Woonhuis heeft gekocht. Maar vertelt u eerst iets over uzelf?
Ineke: Ja, ik ben Ineke, achtenzestig, ik woon hier in Apeldoorn, alleen, sinds mijn man vijf jaar geleden is overleden. Ik ben lerares geweest, basisschool. Ik heb twee kinderen en vier kleinkinderen. En ik koop eigenlijk weinig online, hoor. Dit was de eerste keer dat ik een meubel op internet kocht.
Onderzoeker: Hoe kwam u voor het eerst bij Woonhuis terecht?
Ineke: Nou, ik had een advertentie gezien in de krant, in de zaterdagbijlage, met een fauteuil met een hoge rug. En ik heb wat met mijn knieën, dus ik zocht al een tijd een stoel waar ik makkelijk uit kan komen. Toen heb ik mijn dochter gebeld en die heeft op haar laptop de website opgezocht. Zo is het begonnen.
Onderzoeker: En wat vond u van de website?
Ineke: Ach, voor mij is dat allemaal wat druk, met al die plaatjes en knoppen die bewegen. Maar mijn dochter wist de weg. We hebben samen gekeken, en er waren wel zes of zeven fauteuils die in aanmerking kwamen. Het belangrijkste voor mij was de zithoogte. Ik moet minstens vijfenveertig, zevenenveertig centimeter hebben, anders kom ik er niet meer uit.
Onderzoeker: Stond die zithoogte erbij?
Ineke: Bij sommige wel, bij andere niet. En bij de fauteuil die ik het mooist vond, stond het er niet bij. Alleen de totale hoogte, en de breedte en de diepte. Dat vind ik nou jammer. Want dat is toch het eerste wat je wilt weten, als je wat ouder bent.
Onderzoeker: Wat heeft u toen gedaan?
Ineke: Ik heb gebeld. Ik ben iemand die liever belt, hoor. Er stond een telefoonnummer onderaan de site, heel klein. En ik kreeg een jongeman aan de lijn, heel geduldig, die is voor mij gaan opmeten, dat zei hij tenminste. Achtenveertig centimeter. En hij vertelde ook dat de armleuningen stevig zijn, zodat je jezelf omhoog kunt duwen. Dat vond ik heel fijn, dat hij daaraan dacht.
Onderzoeker: Heeft u ook reviews gelezen?
Ineke: Mijn dochter heeft die voorgelezen. Op zo'n site, Trust... Trustpilot, en ook bij de stoel zelf. Er waren een paar mensen die schreven dat de stof snel pluisde, en een meneer die schreef dat de stoel precies goed was voor zijn vrouw met een nieuwe heup. Dat gaf wel de doorslag, eigenlijk, die meneer.
Onderzoeker: Heeft u ook in winkels gekeken?
Ineke: Ja, natuurlijk. Ik ben met mijn buurvrouw naar de woonboulevard geweest, en daar heb ik in een paar stoelen gezeten. Daar was er een die er veel op leek, maar die was tweehonderd euro duurder en de levertijd was tien weken. Ik wilde het zo vergelijken, ik koop niet graag een kat in de zak. En zitten in een stoel is toch iets anders dan een plaatje bekijken.
Onderzoeker: Wat gaf uiteindelijk de doorslag om de fauteuil bij Woonhuis te kopen?
Ineke: Dat telefoongesprek, denk ik. Dat die jongen de moeite nam. En dat je hem binnen dertig dagen terug kon sturen als hij niet goed zat. Mijn dochter zei: mam, als het niks is, sturen we hem terug. En dat je hem kon laten bezorgen, tot in de kamer. Dat was belangrijk, want ik kan zo'n ding niet tillen.
Onderzoeker: Hoe ging het bestellen?
Ineke: Dat heb ik geprobeerd op mijn tablet, en dat ging niet goed. Er moest eerst een account gemaakt worden, met een wachtwoord, en dan kreeg je een mail om het te bevestigen, en die mail kon ik niet vinden. Die zat in de ongewenste post, zei mijn dochter later. Toen ben ik gestopt en heeft mijn dochter het de volgende dag voor me gedaan.
Onderzoeker: Wat vond u lastig bij het afrekenen?
Ineke: Alles, eigenlijk, haha. Nee, het was vooral dat er zoveel stappen waren. En er was een vakje voor een kortingscode, en ik dacht: o, heb ik die nodig? Moet ik die ergens vandaan halen? Dat snapte ik niet. Mijn dochter zei: nee mam, dat hoeft niet. Betalen hebben we met iDEAL gedaan, op haar telefoon, en ik heb het haar contant teruggegeven. Zeshonderdnegenennegentig euro.
Onderzoeker: Had u liever op een andere manier besteld?
Ineke: Ja, ik had het liefst gewoon telefonisch besteld bij die aardige jongen. Of op rekening, met een acceptgiro, zoals vroeger. Maar dat kan tegenwoordig nergens meer, hè.
Onderzoeker: En hoe ging de levering?
Ineke: Dat ging goed. Ik kreeg een brief... nee, een mail natuurlijk, die heeft mijn dochter doorgestuurd, met een dag en een tijd. Twee bezorgers, die hebben de stoel in de kamer gezet en het karton meegenomen. Alleen moesten de pootjes er nog onder. Dat had ik niet verwacht. Er zat een boekje bij met alleen tekeningen, geen tekst. Dat vond ik niet duidelijk. De bezorgers waren al weg.
Onderzoeker: Hoe heeft u dat opgelost?
Ineke: Mijn buurman heeft het gedaan, die is handig. Het was vijf minuten werk, zei hij. Maar ik had het zelf niet gekund, en dat vind ik dan weer vervelend, dat je afhankelijk bent. Het zou fijn zijn als ze bij de bestelling vragen of ze het even in elkaar moeten zetten.
Onderzoeker: Hoe tevreden bent u over de fauteuil?
Ineke: Heel tevreden. Ik zit er elke dag in, met mijn puzzelboekje. En ik kom er makkelijk uit, dat was het belangrijkste. De stof pluist een klein beetje, dat klopt, maar daar heb ik zo'n apparaatje voor.
Onderzoeker: Heeft u een review geschreven?
Ineke: Ja! Daar ben ik best trots op. Er kwam een mail, en ik heb op de sterren gedrukt, vijf sterren, en een stukje geschreven. Over de zithoogte, en dat die jongen aan de telefoon zo behulpzaam was. Ik dacht, dan hebben andere mensen er ook wat aan, zoals ik wat had aan die meneer.
Onderzoeker: Zou u Woonhuis aanbevelen?
Ineke: Ja, dat heb ik al gedaan. Bij het bridgen heb ik het verteld, en een vriendin van me heeft nu dezelfde stoel in het blauw. Maar ik zeg er wel bij: bel ze even, want op de computer is het lastig.
Onderzoeker: Wat had u graag anders gezien?
Ineke: De zithoogte bij elke stoel. Het telefoonnummer wat groter, zodat je het kunt vinden. Bestellen zonder al die wachtwoorden, of gewoon via de telefoon. En een handleiding met woorden erbij, niet alleen tekeningen. Dan had ik het misschien helemaal zelf gekund.
Onderzoeker: Dank u wel, Ineke. En voor de koffie.
Ineke: Graag gedaan, jongen. Neem nog een koekje.
""",
    ),
    "P10": (
        "Interview P10 — Esther (52), Amstelveen",
        "Afgenomen op 13 maart 2026, telefonisch, ca. 14 minuten.",
        """\
Onderzoeker: Goedemiddag Esther. Dank u wel dat u mee wilt doen. Het gesprek duurt ongeveer een kwartier en gaat over uw ervaringen met Woonhuis.
Esther: Graag gedaan. Je mag trouwens gewoon je zeggen, hoor.
Onderzoeker: Prima. Wil je eerst iets over jezelf vertellen?
Esther: Ja. Esther, tweeënvijftig, ik woon in Amstelveen met mijn man en onze drie kinderen, de jongste is veertien. Ik heb een eigen praktijk als fysiotherapeut. Dus ja, het is een druk huishouden. Ik doe bijna alles online: boodschappen, kleding, cadeautjes. Alles wat ik niet hoef te slepen, bestel ik.
Onderzoeker: Hoe kwam je voor het eerst bij Woonhuis terecht?
Esther: Dat is al een paar jaar geleden. Een vriendin had een prachtig vloerkleed en toen vroeg ik waar ze dat vandaan had. Woonhuis, zei ze, en het werd de volgende dag gebracht. Nou, dat vond ik wel interessant. En sindsdien bestel ik er eigenlijk regelmatig. Ik krijg de nieuwsbrief, en daar zie ik vaak iets in wat ik leuk vind.
Onderzoeker: Dus de nieuwsbrief gebruik je echt?
Esther: Ja, ik lees hem op zondagochtend met een kop koffie. Niet elke keer, hoor, maar ze zijn wel mooi gemaakt, met inspiratie en zo. Wel vaak, bijna elke dag krijg je er één. Eén keer per week zou ook genoeg zijn.
Onderzoeker: Wat heb je de laatste keer gekocht?
Esther: Twee bijzettafeltjes en een vloerkleed voor de woonkamer. Samen tweehonderdveertien euro en zeventig cent. Het vloerkleed heb ik teruggestuurd, daar kom ik zo op.
Onderzoeker: Hoe heb je die uitgekozen?
Esther: Vooral op de foto's. Ik zag het kleed in de nieuwsbrief, ik klikte erop, en ik vond het meteen mooi. De tafeltjes stonden er op de foto naast, "maak de look compleet" of zo. Nou, dan ben ik verkocht. Ik ben niet iemand die gaat vergelijken met tien winkels. Als het er goed uitziet en het is er snel, dan is het goed.
Onderzoeker: Heb je nog naar reviews of de afmetingen gekeken?
Esther: De afmetingen van het kleed wel, want dat moet passen onder de bank. Twee bij drie meter, dat klopte. Reviews eigenlijk niet. Ik ken Woonhuis, ik weet dat het meestal goed is. En als het niet goed is, stuur ik het terug. Dat gemak, dat is voor mij eigenlijk het belangrijkste.
Onderzoeker: Wat gaf de doorslag om te bestellen?
Esther: Dat ze het de volgende dag konden bezorgen en dat de tafeltjes al in elkaar zaten. Ik heb echt geen zin om met een inbussleuteltje op de grond te zitten. En gratis retour, dat ook.
Onderzoeker: Hoe ging het bestellen?
Esther: Op zich goed. Ik heb een account, dus mijn gegevens staan er al in. Maar het duurt toch langer dan je zou willen. Eerst moet je inloggen, en dan wil hij je wachtwoord weer, en dan krijg je een code op je telefoon. Dat is zeker voor de veiligheid, maar ja, bij andere winkels druk je op één knop. Ik mis Apple Pay echt, dat is zo makkelijk.
Onderzoeker: Hoe heb je betaald?
Esther: Met iDEAL. Gewoon, even de bankapp open.
Onderzoeker: Was er iets lastig bij het afrekenen?
Esther: Ik wilde een bezorgmoment kiezen, want ik werk tot vier uur. En dat kon niet. Er stond alleen "morgen tussen acht en achttien uur". Toen heb ik in het opmerkingenveld gezet: graag na vier uur. Of ze dat lezen weet ik niet, haha. Ze kwamen om half vijf, dus misschien wel.
Onderzoeker: Hoe ging de levering?
Esther: De bezorgers waren heel vriendelijk. Twee jongens, die hebben het kleed naar boven gedragen, naar de woonkamer, want wij wonen boven een winkel. En de tafeltjes ook. Track-and-trace werkte goed, ik kreeg een uur van tevoren een bericht. Dat vind ik ideaal.
Onderzoeker: En het vloerkleed?
Esther: Het kleed was in het echt veel roder dan op de foto. Op de foto was het zo'n zacht terracotta, en in het echt was het echt oranjerood. Dat paste helemaal niet bij de bank. Mijn man zei meteen: dat gaat terug. Dus ja, teleurgesteld, want ik vond het op de foto zo mooi.
Onderzoeker: Hoe ging het retourneren?
Esther: Dat was minder. Je kunt online een retour aanmelden, dat ging wel. Maar zo'n groot kleed, dat moet je dan zelf oprollen en inpakken, en naar een DHL-punt brengen. Dat is een rol van twee meter, die past niet in mijn auto. Ik heb toen de klantenservice gebeld en twintig minuten in de wacht gestaan. Toen kon het wel opgehaald worden, maar ik moest er een dag voor thuisblijven, en dat kostte vijftien euro. Terwijl er gratis retour stond.
Onderzoeker: Hoe voelde dat?
Esther: Dat vond ik echt irritant. Gratis retour, maar dan wel alleen als je het zelf wegbrengt. Dat had er gewoon bij moeten staan. Ik heb het geld wel binnen vijf dagen teruggekregen, dat was netjes.
Onderzoeker: En de tafeltjes?
Esther: Die zijn perfect. Die staan naast de bank, precies zoals op de foto. Daar ben ik heel blij mee.
Onderzoeker: Heb je een review geschreven?
Esther: Nee. Ik krijg wel steeds die mails, maar daar heb ik geen tijd voor. Misschien als ze het makkelijker maken, gewoon één klik op een ster in de mail.
Onderzoeker: Zou je Woonhuis aanbevelen?
Esther: Ja, zeker. Ik heb het al vaak gedaan, aan vriendinnen, aan mijn zus. Ik zeg dan: het is makkelijk, het komt snel, en ze dragen het naar binnen. Alleen voor grote dingen zou ik nu zeggen: kijk goed naar de kleur, want als het terug moet, is het gedoe. Een acht, denk ik.
Onderzoeker: Wat had je graag anders gezien?
Esther: Een bezorgmoment kunnen kiezen, op de avond. Dat ze grote retouren gewoon gratis ophalen, zonder dat je er een dag voor vrij moet nemen. Apple Pay. En foto's waarop de kleur klopt, misschien met een foto bij daglicht. Ik wil er eigenlijk gewoon niet over na hoeven denken. Bestellen, bezorgd, klaar.
Onderzoeker: Dank je wel, Esther, dat waren mijn vragen.
Esther: Graag gedaan. Succes ermee.
""",
    ),
}


def write_docx(pid: str, title: str, note: str, text: str, folder: Path = HERE) -> Path:
    """Write one transcript as ``<folder>/<pid>.docx`` and return its path."""
    doc = Document()
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(11)
    doc.add_heading(title, level=1)
    doc.add_paragraph().add_run(note).italic = True
    for line in text.strip().splitlines():
        speaker, said = line.split(": ", 1)
        para = doc.add_paragraph()
        para.add_run(speaker + ":").bold = True
        para.add_run(" " + said)
    props = doc.core_properties
    props.author = "Onderzoeksteam Woonhuis.nl"
    props.last_modified_by = "Onderzoeksteam Woonhuis.nl"
    props.title = title
    props.created = FIXED_TIME
    props.modified = FIXED_TIME
    props.revision = 1
    path = folder / f"{pid}.docx"
    doc.save(str(path))
    _fix_zip_times(path)
    return path


def _fix_zip_times(path: Path) -> None:
    """Rewrite the .docx zip with a fixed timestamp on every entry (python-docx uses 'now')."""
    with zipfile.ZipFile(path) as src:
        entries = [(info.filename, src.read(info)) for info in src.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(info, data)


def main() -> None:
    """Write all Word transcripts next to this script."""
    for pid, (title, note, text) in TRANSCRIPTS.items():
        print("wrote", write_docx(pid, title, note, text))


if __name__ == "__main__":
    main()
