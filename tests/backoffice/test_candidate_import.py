"""Candidate import (every bad row reported, nothing written) and export (scoped, escaped)."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core.models import Candidate, User

pytestmark = pytest.mark.django_db
IMPORT_URL = "/backoffice/core/candidate/import/"
HEADER = "nom,prenom,email,date_naissance,autonome\n"


def preview(client, content, name="candidats.csv", fmt=0):
    return client.post(
        IMPORT_URL,
        {"format": fmt, "import_file": SimpleUploadedFile(name, content), "resource": 0},
    )


def confirm(client, response):
    html = response.content.decode()
    fields = dict(
        re.findall(
            r'name="(import_file_name|original_file_name|format|resource)"\s+'
            r'value="([^"]*)"',
            html,
        )
    )
    if not fields:
        fields = {
            m[0]: m[1] for m in re.findall(r'<input[^>]*name="([a-z_]+)"[^>]*value="([^"]*)"', html)
        }
    return client.post("/backoffice/core/candidate/process_import/", fields, follow=True)


def test_valid_file_imports_with_preview_then_confirm(client, world, mailoutbox, run_on_commit):
    client.force_login(world.ref_a1)
    content = (
        HEADER + "Martin,Jade,jade@exemple.fr,14/03/2003,non\n"
        "Naceri,Adam,adam@exemple.fr,02/11/2001,oui\n"
    ).encode()
    response = preview(client, content)
    assert response.status_code == 200
    assert not Candidate.objects.filter(user__email="jade@exemple.fr").exists()
    with run_on_commit():
        confirm(client, response)
    jade = Candidate.objects.get(user__email="jade@exemple.fr")
    assert jade.user.establishment == world.est_a
    assert list(jade.referents.all()) == [world.ref_a1]
    assert sorted(m.to[0] for m in mailoutbox) == ["adam@exemple.fr", "jade@exemple.fr"]
    # The same file again: nothing new, no new email.
    mailoutbox.clear()
    with run_on_commit():
        confirm(client, preview(client, content))
    assert (
        Candidate.objects.filter(user__email__in=["jade@exemple.fr", "adam@exemple.fr"]).count()
        == 2
    )
    assert mailoutbox == []


def test_every_bad_row_is_reported_with_its_line_and_nothing_is_written(client, world):
    client.force_login(world.ref_a1)
    content = (
        HEADER
        + "Bon,Ok,ok@exemple.fr,01/01/2000,non\n"
        + "Mauvais,Date,d1@exemple.fr,31/02/2005,non\n"
        + "Mauvais,Mois,d2@exemple.fr,2005-13-01,non\n"
        + "Futur,Né,d3@exemple.fr,01/01/2090,non\n"
        + "Mineur,Seul,d4@exemple.fr,01/01/2015,non\n"
        + '=HYPERLINK("http://x"),A,d5@exemple.fr,01/01/2000,non\n'
        + "Doublon,A,dup@exemple.fr,01/01/2000,non\n"
        + "Doublon,B,DUP@exemple.fr,01/01/2000,non\n"
        + f"Autre,Etab,{world.b1.user.email},01/01/2000,non\n"
    ).encode()
    response = preview(client, content)
    html = response.content.decode()
    # Every bad row, by its spreadsheet line (the header is line 1, "Bon" line 2).
    assert {row.number for row in response.context["result"].invalid_rows} == set(range(3, 11))
    assert "31/02/2005" in html and "2005-13-01" in html
    assert "dans le passé" in html
    assert "contact famille" in html
    assert "Formule refusée" in html
    assert "plusieurs fois" in html
    assert "déjà utilisée par un autre compte" in html
    assert world.b1.user.full_name not in html
    assert not User.objects.filter(email__endswith="@exemple.fr").exists()


@pytest.mark.parametrize(
    "content, message",
    [
        (b"nom,email\nA,a@exemple.fr\n", "manquante"),
        (b"nom,email,date_naissance,couleur\nA,a@exemple.fr,01/01/2000,bleu\n", "inconnue"),
        (b"nom,email,date_naissance\n", "Pas de données valides"),
        (b"", "vide"),
    ],
)
def test_structural_errors(client, world, content, message):
    client.force_login(world.ref_a1)
    html = preview(client, content).content.decode()
    assert message in html
    assert not User.objects.filter(email="a@exemple.fr").exists()


def test_french_excel_csv_in_cp1252_with_semicolons(client, world, run_on_commit):
    client.force_login(world.ref_a1)
    content = "nom;prenom;email;date_naissance\nLefèvre;Zoé;zoe@exemple.fr;01/01/2000\n".encode(
        "cp1252"
    )
    with run_on_commit():
        confirm(client, preview(client, content))
    assert Candidate.objects.get(user__email="zoe@exemple.fr").user.last_name == "Lefèvre"


def test_a_referent_of_another_establishment_is_refused(client, world):
    client.force_login(world.ref_a1)
    content = (
        f"nom,email,date_naissance,referent_email\nA,a@exemple.fr,01/01/2000,{world.ref_b1.email}\n"
    ).encode()
    assert "Référent inconnu" in preview(client, content).content.decode()


def test_an_oversized_file_is_refused(client, world, settings):
    settings.IMPORT_MAX_SIZE = 100
    client.force_login(world.ref_a1)
    html = preview(client, HEADER.encode() + b"x" * 200).content.decode()
    assert "trop volumineux" in html


def test_export_is_scoped_escaped_and_hides_sensitive_columns_from_referents(client, world):
    world.a1.user.last_name = "=HYPERLINK(1)"
    world.a1.user.save()
    world.a1.rqth = "oui"
    world.a1.save()
    client.force_login(world.ref_a1)
    response = client.post(
        "/backoffice/core/candidate/export/",
        {
            "format": 0,
            "resource": 0,
            **{f"candidateresource_{f}": "on" for f in ["nom", "email", "rqth"]},
        },
    )
    body = response.content.decode()
    assert "'=HYPERLINK(1)" in body
    assert world.a2.user.email not in body and world.b1.user.email not in body
    assert "rqth" not in body.splitlines()[0]
    client.force_login(world.cdm_a)
    response = client.post(
        "/backoffice/core/candidate/export/",
        {
            "format": 0,
            "resource": 0,
            **{f"candidateresource_{f}": "on" for f in ["nom", "email", "rqth"]},
        },
    )
    body = response.content.decode()
    assert "rqth" in body.splitlines()[0]
    assert world.a2.user.email in body and world.b1.user.email not in body


def test_the_xlsx_template_imports(client, world, run_on_commit):
    from pathlib import Path

    template = Path(__file__).resolve().parents[2] / "fixtures" / "modele-import-candidats.xlsx"
    client.force_login(world.ref_a1)
    with run_on_commit():
        confirm(client, preview(client, template.read_bytes(), name="modele.xlsx", fmt=1))
    assert (
        Candidate.objects.filter(
            user__email__in=["jade.martin@exemple.fr", "adam.naceri@exemple.fr"]
        ).count()
        == 2
    )


def _xlsx_with(sheet_xml):
    import io
    import zipfile
    from pathlib import Path

    template = Path(__file__).resolve().parents[2] / "fixtures" / "modele-import-candidats.xlsx"
    source = zipfile.ZipFile(template)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = sheet_xml
            out.writestr(item, data)
    return buffer.getvalue()


def test_an_xlsx_zip_bomb_is_refused_before_parsing(client, world, settings):
    settings.IMPORT_MAX_SIZE = 200_000
    bomb = _xlsx_with(b"<x>" + b"0" * 5_000_000 + b"</x>")
    assert len(bomb) < settings.IMPORT_MAX_SIZE
    client.force_login(world.ref_a1)
    html = preview(client, bomb, name="bombe.xlsx", fmt=1).content.decode()
    assert "compressé anormal" in html


def test_an_xml_entity_bomb_is_refused(client, world):
    sheet = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<sheetData><row><c t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData>'
        b"</worksheet>"
    )
    client.force_login(world.ref_a1)
    response = preview(client, _xlsx_with(sheet), name="entites.xlsx", fmt=1)
    assert response.status_code == 200
    assert "pendant la lecture du fichier" in response.content.decode()
    assert "lollollol" not in response.content.decode()
    assert not Candidate.objects.filter(user__email__endswith="@exemple.fr").exists()


def test_the_templates_download_from_the_import_page(client, world):
    client.force_login(world.ref_a1)
    page = client.get(IMPORT_URL).content.decode()
    assert "modele-import.csv" in page and "modele-import.xlsx" in page
    response = client.get("/backoffice/core/candidate/modele-import.csv")
    assert b"".join(response.streaming_content).startswith(b"nom,prenom,email,date_naissance")
    client.force_login(world.emp_x)
    assert client.get("/backoffice/core/candidate/modele-import.csv").status_code == 302


def test_errors_name_the_files_columns_and_its_lines(world):
    from backoffice.resources import CandidateResource, FrenchCSV

    content = (
        HEADER
        + "Bon,Ok,ok@exemple.fr,01/01/2000,non\n"
        + "Mauvais,Date,d1@exemple.fr,31/02/2005,non\n"
        + "Choix,Flou,d2@exemple.fr,01/01/2000,peut-être\n"
    ).encode()
    result = CandidateResource(user=world.ref_a1).import_data(
        FrenchCSV().create_dataset(content), dry_run=True, use_transactions=True
    )
    errors = {row.number: row.error_dict for row in result.invalid_rows}
    assert set(errors) == {3, 4}  # the header is line 1, as in the spreadsheet
    assert list(errors[3]) == ["date_naissance"]
    assert "31/02/2005" in errors[3]["date_naissance"][0]
    assert list(errors[4]) == ["autonome"]


def test_reimport_with_a_referent_column_adds_that_referent(client, world, run_on_commit):
    client.force_login(world.cdm_a)
    first = (HEADER + "Martin,Jade,jade@exemple.fr,14/03/2003,non\n").encode()
    with run_on_commit():
        confirm(client, preview(client, first))
    jade = Candidate.objects.get(user__email="jade@exemple.fr")
    assert list(jade.referents.all()) == [world.cdm_a]
    second = (
        "nom,email,date_naissance,referent_email\n"
        f"Martin,jade@exemple.fr,14/03/2003,{world.ref_a1.email}\n"
    ).encode()
    with run_on_commit():
        confirm(client, preview(client, second))
    assert set(jade.referents.all()) == {world.cdm_a, world.ref_a1}
    assert jade.history.first().history_user == world.cdm_a
