import { fold } from './normalize.js';

/**
 * Function words and question words (folded). They carry little evidence of an answer, so
 * they do not count when measuring how much of a question a sentence covers.
 */
const VI = `la cua va cac nhung mot nhieu duoc trong voi cho nay do thi ma co khong da se dang bi boi tai tu den ra vao len
  nao gi ai dau sao bao nhieu may khi luc nhu the vay a u nhi chu hay hoac hoi cau rang neu vi nen de ve theo tren duoi giua sau truoc
  con cung van lai chi moi rat qua lam nhat hon ca tat cac nhung o nguoi viec su cu biet cho biet hien nay`;
const EN = `the a an of and or to in on at by for with from about as is are was were be been being what which who whom whose when where why how
  did does do done has have had will would can could should may might this that these those it its into than then there their they them
  he she his her we our you your i me my not no yes any some many much more most such only also according said says`;

export const STOPWORDS = new Set([...VI.split(/\s+/), ...EN.split(/\s+/)].filter(Boolean).map(fold));
