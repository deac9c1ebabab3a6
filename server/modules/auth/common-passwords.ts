// Passwords that lead the public leak statistics (the international top lists and the Russian
// ones: keyboard runs in both layouts, transliterated words, years, names). A password is refused
// when, with its case folded and trailing digits and symbols stripped, it is one of these or a
// run of one keyboard row — the forms attackers try first.
const listed = `
123456 123456789 12345678 1234567890 12345 1234567 qwerty qwerty123 qwertyuiop password password1
passw0rd p@ssw0rd admin administrator root user guest welcome letmein iloveyou monkey dragon master
sunshine princess football baseball shadow superman batman trustno1 starwars whatever freedom
hello secret login abc123 abcdef abcdefg 111111 000000 666666 121212 123123 654321 987654321
1q2w3e 1q2w3e4r 1q2w3e4r5t 1qaz2wsx zaq12wsx qazwsx asdfgh asdfghjkl zxcvbn zxcvbnm q1w2e3r4
йцукен йцукенгшщз фывапролд ячсмить пароль пароль123 привет любовь солнышко котик зайка
parol privet lubov solnyshko kotik zaika natasha nataly svetlana tatiana olga irina elena marina
anastasia ekaterina maksim aleksandr dmitriy sergey andrey alexey vladimir ivan mihail
rossiya russia moskva moscow spartak zenit cska dinamo ytrewq qweasd qweasdzxc
shkola school uchitel teacher direktor director obrazovanie education metodist
`;

const common = new Set(listed.split(/\s+/).filter(Boolean));

const rows = ['1234567890', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm', 'йцукенгшщзхъ', 'фывапролджэ', 'ячсмитьбю'];

export function isCommonPassword(password: string): boolean {
  const folded = password.toLowerCase();
  const stem = folded.replace(/[\d\W_]+$/u, '');
  if (common.has(folded) || (stem.length >= 3 && common.has(stem))) return true;
  // any run along one keyboard row, forwards or backwards
  return rows.some((row) => row.includes(folded) || [...row].reverse().join('').includes(folded));
}
