/**
 * Frequent function words and chat words per Latin-script language. Short chat messages rarely
 * contain enough text for character statistics, but nearly always contain one of these.
 */
export const LATIN_WORDS: Readonly<Record<string, readonly string[]>> = {
  en: (
    "the a an and or but is are was were be been am i you he she it we they me my your our their this that " +
    "what where when why how who which do does did dont doesnt didnt cant wont im ive its not no yes yeah yep " +
    "nope ok okay hi hey hello thanks thank thx pls please plz sorry lol to of in on at for with from by about " +
    "can could would should will just have has had get got want need help my refund order account money card " +
    "still again there here some any all more very so too also if then than only now bye good great bad"
  ).split(" "),
  es: (
    "el la los las un una y o pero es son fue ser estoy esta está estoy yo tu tú usted nosotros que qué donde " +
    "dónde cuando cómo como quien por para con sin de del al en mi mis su sus no sí hola gracias favor quiero " +
    "necesito ayuda dinero cuenta pedido muy también ya todavía hay tengo puedo"
  ).split(" "),
  fr: (
    "le la les un une et ou mais est sont était être je tu il elle nous vous ils elles que qui quoi où quand " +
    "comment pourquoi pour avec sans de du des au aux en dans sur mon ma mes ton votre vos ne pas oui non " +
    "bonjour merci salut veux voudrais besoin aide argent compte commande très aussi déjà encore ai suis"
  ).split(" "),
  de: (
    "der die das ein eine und oder aber ist sind war sein ich du er sie es wir ihr was wo wann warum wie wer " +
    "für mit ohne von zu im am auf mein meine dein ihr nicht kein keine ja nein hallo danke bitte möchte will " +
    "brauche hilfe geld konto bestellung sehr auch schon noch habe bin kann"
  ).split(" "),
  pt: (
    "o a os as um uma e ou mas é são foi ser estou eu você ele ela nós que onde quando como quem por para com " +
    "sem de do da dos das em no na meu minha não sim olá oi obrigado obrigada favor quero preciso ajuda " +
    "dinheiro conta pedido muito também já ainda tenho posso"
  ).split(" "),
  it: (
    "il lo la i gli le un una e o ma è sono era essere io tu lui lei noi voi che dove quando come chi perché " +
    "per con senza di del della in nel sul mio mia non sì ciao grazie prego voglio vorrei bisogno aiuto soldi " +
    "conto ordine molto anche già ancora ho posso"
  ).split(" "),
  nl: (
    "de het een en of maar is zijn was ik jij je hij zij wij jullie wat waar wanneer waarom hoe wie voor met " +
    "zonder van te in op mijn niet geen ja nee hallo dank bedankt alsjeblieft wil graag hulp geld rekening " +
    "bestelling heel ook al nog heb ben kan"
  ).split(" "),
  id: (
    "yang dan atau tetapi adalah itu ini saya aku kamu anda dia kami kita mereka apa mana kapan mengapa " +
    "bagaimana siapa untuk dengan tanpa dari ke di tidak bukan ya halo terima kasih tolong mau ingin perlu " +
    "bantuan uang akun pesanan sangat juga sudah belum bisa"
  ).split(" "),
  tr: (
    "ve veya ama bir bu şu o ben sen biz siz onlar ne nerede neden nasıl kim için ile değil evet hayır merhaba " +
    "teşekkürler lütfen istiyorum yardım para hesap sipariş çok da de zaten hala var yok mı mi"
  ).split(" "),
  vi: (
    "và hoặc nhưng là của có không tôi bạn anh chị em chúng họ gì đâu khi tại sao như thế nào ai cho với từ " +
    "trong trên được này đó xin chào cảm ơn vui lòng muốn cần giúp tiền tài khoản đơn hàng rất cũng đã chưa"
  ).split(" "),
  pl: (
    "i lub ale jest są był być ja ty on ona my wy oni co gdzie kiedy dlaczego jak kto dla z bez od do w na mój " +
    "moja nie tak cześć dziękuję proszę chcę potrzebuję pomoc pieniądze konto zamówienie bardzo też już jeszcze"
  ).split(" "),
  sv: (
    "och eller men är var vara jag du han hon vi ni de vad var när varför hur vem för med utan från till i på " +
    "min mitt inte ja nej hej tack snälla vill behöver hjälp pengar konto beställning mycket också redan än"
  ).split(" "),
};

/** Letters (lower case) that point to one Latin-script language. */
export const LATIN_DIACRITICS: ReadonlyArray<readonly [RegExp, string]> = [
  [/[ñ¿¡]/u, "es"],
  [/[çœæèêëîïûù]/u, "fr"],
  [/[ßäöü]/u, "de"],
  [/[ãõ]/u, "pt"],
  [/[ğşı]/u, "tr"],
  [/[ăơưđạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/u, "vi"],
  [/[ąęłśżźćń]/u, "pl"],
  [/[å]/u, "sv"],
];
