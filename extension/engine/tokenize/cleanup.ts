/**
 * Transformers' clean_up_tokenization, which PreTrainedTokenizerBase.decode applies
 * to the whole decoded string when clean_up_tokenization_spaces is set. The Rust
 * WordPiece decoder's own cleanup runs token by token, so it never sees " ' " and
 * leaves "it ' s" where Transformers gives "it's".
 */
export function cleanUpTokenization(text: string): string {
  return text
    .replaceAll(' .', '.')
    .replaceAll(' ?', '?')
    .replaceAll(' !', '!')
    .replaceAll(' ,', ',')
    .replaceAll(" ' ", "'")
    .replaceAll(" n't", "n't")
    .replaceAll(" 'm", "'m")
    .replaceAll(" 's", "'s")
    .replaceAll(" 've", "'ve")
    .replaceAll(" 're", "'re");
}
