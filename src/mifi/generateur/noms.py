"""Listes de noms et prénoms (graphies canoniques), encodables en Windows-1252 et composées
uniquement de caractères que la macro ``normaliser_nom`` sait traiter.

:data:`GRAPHIES_UTF8` donne, pour quelques noms, la graphie d'origine hors Windows-1252
(« Nguyễn » pour « Nguyen ») que seuls les systèmes en UTF-8 (GSI, ARRIMA) peuvent porter.

Les listes sont dédoublonnées par forme normalisée à l'import (deux graphies qui se
normalisent pareil ne peuvent pas coexister), et les prénoms féminins et masculins sont
disjoints après normalisation : c'est ce qui rend l'attribution d'identités injective.
"""

from __future__ import annotations

from .normalisation import normaliser_nom

_NOMS = """
Tremblay Gagnon Roy Côté Bouchard Gauthier Morin Lavoie Fortin Gagné Ouellet Pelletier Bélanger
Lévesque Bergeron Leblanc Paquette Girard Simard Boucher Caron Beaulieu Cloutier Dubé Poirier
Fournier Lapointe Leclerc Lefebvre Poulin Thibault St-Pierre Nadeau Martin Landry Martel Bédard
Grenier Lessard Bernier Richard Michaud Hébert Desjardins Couture Turcotte Lachance Parent Blais
Gosselin Savard Proulx Beaudoin Demers Perreault Boudreau Lemieux Cyr Perron Dufour Dion Mercier
Bolduc Bérubé Boisvert Langlois Ménard Laplante Gingras Lacroix Chabot Thériault Lebœuf Cœurderoy
D'Amours L'Heureux O'Neill D'Souza L'Espérance D'Aoust Saint-Onge Lalonde Sévigny Gélinas
Benali El-Amrani Bouzid Haddad Khalil Mansour Saïdi Ben-Youssef Al-Khatib Belkacem Chérif Boukhari
Lahlou Benjelloun Tazi Berrada Alaoui Idrissi Cherkaoui Bennani Ait-Ahmed Hamidi Meziane Amrouche
Zerrouki Benaïssa Bouazza Ghanem Nassar Saleh Darwiche Hamdan Aoun Khoury Haddad-Salem Abou-Jaoudé
Ouédraogo Traoré Diallo Koné Camara Sow Ndiaye Diop Mbaye Keïta Coulibaly Touré Sylla Bamba Kaboré
Sawadogo Nkurunziza Mukendi Tshibangu Mbuyi Ilunga Kasongo Mutombo Ngoma Kabongo Nzeza Mabiala
Niyonzima Habimana Uwimana Mugisha Ndayishimiye Kouassi Konan Yao Kouamé N'Guessan Aké Fofana
Nguyen Tran Le Pham Hoang Huynh Phan Vu Dang Bui Do Ho Ngo Duong Ly Truong Dinh Lam
Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin Gao Luo Zheng Tang
Singh Kumar Sharma Patel Gupta Reddy Shah Mehta Das Iyer Rahman Hossain Islam Ahmed Khan Ali
Hussain Qureshi Akhtar Chowdhury Siddiqui Rezaei Hosseini Mohammadi Ahmadi Karimi Moradi Jafari
Rodríguez González Hernández López Martínez Pérez Sánchez Ramírez Torres Flores Rivera Gómez Díaz
Cruz Morales Ortiz Gutiérrez Chávez Ramos Ruiz Álvarez Mendoza Castillo Jiménez Vásquez Romero
Herrera Medina Aguilar Vargas Castro Muñoz Núñez Peña Guzmán Salazar Ibáñez Cortés Quiñones
Silva Santos Oliveira Souza Pereira Costa Ferreira Almeida Carvalho Gonçalves Araújo Ribeiro
Rocha Dias Monteiro Magalhães Simões Conceição Jean-Baptiste Joseph Pierre Louis Charles
Saint-Fleur Saint-Louis Jean-Louis Désir Étienne Dorvil Noël Augustin Théodore Fénelon Lafortune
Bien-Aimé Toussaint Petit-Frère Jean-Charles Célestin Exantus Métellus Kovalenko Shevchenko
Bondarenko Tkachenko Kravchenko Melnyk Boyko Moroz Lysenko Popescu Ionescu Dumitru Stan Stoica
Gheorghe Rusu Munteanu Ciobanu Moreau Dubois Laurent Lefèvre Garnier Faure Rousseau Blanc Guérin
Muller Bonnet François Dupont Lambert Fontaine Chevalier Robin Masson Roussel Duval Perrin
Lemaire Marchand Boyer Gérard Brun Barbier Arnaud Rolland Aubert Giraud Schmitt Meyer Weber
Fischer Wagner Becker Hoffmann Kowalski Nowak Wiśniewski Kamiński Lewandowski Zieliński
Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo Conti
De-Luca Mancini Costa-Neves Kim Park Choi Jung Kang Cho Yoon Jang Lim Han Tanaka Suzuki Sato
Yılmaz Demir Şahin Çelik Öztürk Aydın Arslan Doğan Kılıç Aslan Karaca Koç Kurt Özdemir
"""

# Quelques noms turcs ci-dessus portent des lettres hors Windows-1252 (ı, ş, ğ, ń, ś) :
# ils sont filtrés à l'import, comme tout nom qui ne survivrait pas à l'encodage CERIGES.

_PRENOMS_F = """
Marie Julie Sophie Catherine Isabelle Nathalie Chantal Sylvie Hélène Geneviève Mélanie Valérie
Émilie Audrey Chloé Zoé Noémie Anaïs Maëlle Léa Camille Sarah Laurence Marie-Ève Marie-Hélène
Anne-Sophie Marie-Claude Marie-Pier Josée France Ginette Louise Jocelyne Lætitia Béatrice Cécile
Fatima Aïcha Khadija Amina Meriem Nadia Samira Yasmine Leïla Salma Imane Houda Rania Nour
Aminata Fatoumata Mariam Awa Kadiatou Adama Aïssatou Bintou Ramatou Fanta Oumou Djeneba
Grâce Espérance Divine Bénédicte Clémentine Joséphine Rose-Marie Marie-Rose Nadège Ketly
Linh Mai Thảo Huong Lan Ngoc Xiaoming Mei Ying Fang Jing Li-Na Yan Priya Anjali Pooja Deepa
Sunita Fatemeh Zahra Maryam Narges Shirin Ana Carmen Lucía María José-Luisa Valentina Gabriela
Daniela Andrea Paola Mariana Ximena Fernanda Juliana Beatriz Conceição Larissa Olena Iryna
Oksana Natalia Tetiana Kateryna Svitlana Ioana Elena Andreea Mihaela Ewa Agnieszka Katarzyna
Giulia Francesca Chiara Ji-Woo Seo-Yeon Yuki Sakura Ayşe Zeynep Elif Chérifa Noëlle Maïté
Françoise Brigitte Solène Océane Inès Héloïse Mathilde Clémence Éloïse Margaux Anne-Marie
"""

_PRENOMS_M = """
Jean Pierre Michel André Luc Marc Louis François Stéphane Frédéric Jérôme Rémi Noël Joël Gaël
Raphaël Mathéo Jean-François Jean-Philippe Pierre-Luc Marc-André Jean-Sébastien Louis-Philippe
Éric Sébastien Mathieu Olivier Alexandre Maxime Guillaume Simon Félix Antoine Étienne Benoît
Mohamed Ahmed Youssef Karim Mehdi Omar Ali Hassan Hicham Rachid Samir Nabil Walid Tarek Anis
Mamadou Ousmane Ibrahima Abdoulaye Moussa Souleymane Cheikh Boubacar Amadou Seydou Lamine
Jean-Claude Emmanuel Wilner Frantz Jocelyn Dieudonné Fabrice Olivier-Junior Patrice Désiré
Minh Tuan Duc Hung Quang Thanh Wei Jun Hao Lei Yong Bo Rahul Arjun Vikram Ravi Sanjay Amit
Reza Mehran Dariush Arash Kourosh Juan Carlos José Luis Miguel Jorge Andrés Diego Alejandro
Sebastián Nicolás Joaquín Tomás João Paulo Thiago Rodrigo Gonçalo Oleksandr Andriy Dmytro
Serhiy Mykola Ion Andrei Mihai Bogdan Piotr Tomasz Krzysztof Marco Luca Giovanni Matteo
Min-Jun Ji-Ho Hiroshi Takeshi Mehmet Mustafa Emre Hakim Lotfi Adel Sofiane Bilal Ismaël
Anaël Noé Loïc Hervé Grégoire Thaddée Cédric Aurélien Benoît-Joseph Côme
"""


def _filtrer(texte: str, exclus: set[str] | None = None) -> tuple[str, ...]:
    vus: set[str] = set(exclus or ())
    retenus: list[str] = []
    for mot in texte.split():
        try:
            mot.encode("cp1252")
        except UnicodeEncodeError:
            continue
        cle = normaliser_nom(mot)
        if not cle or cle in vus or not all(c.isalpha() or c == " " for c in cle):
            continue
        vus.add(cle)
        retenus.append(mot)
    return tuple(retenus)


NOMS: tuple[str, ...] = _filtrer(_NOMS)
PRENOMS_F: tuple[str, ...] = _filtrer(_PRENOMS_F)
PRENOMS_M: tuple[str, ...] = _filtrer(_PRENOMS_M, {normaliser_nom(p) for p in PRENOMS_F})


# Graphie d'origine (le plus souvent hors Windows-1252) de noms canoniques : GSI et ARRIMA
# (UTF-8) l'écrivent, CERIGES (Windows-1252) ne porte que la forme canonique. Même clé normalisée.
GRAPHIES_UTF8: dict[str, str] = {
    "Nguyen": "Nguyễn", "Tran": "Trần", "Pham": "Phạm", "Hoang": "Hoàng", "Dang": "Đặng", "Duong": "Dương",
    "Truong": "Trương", "Dinh": "Đinh", "Bui": "Bùi", "Vu": "Vũ", "Do": "Đỗ", "Huynh": "Huỳnh",
    "Huong": "Hương", "Ngoc": "Ngọc", "Duc": "Đức", "Tuan": "Tuấn", "Hung": "Hùng", "Thanh": "Thành",
}
for _canonique, _graphie in GRAPHIES_UTF8.items():
    assert _canonique in NOMS or _canonique in PRENOMS_F or _canonique in PRENOMS_M, _canonique
    assert normaliser_nom(_graphie) == normaliser_nom(_canonique), _graphie
